/** /api/v1/assessments/<year>/v<N>.json: one published assessment version's results, unchanged once published. */
import { assessmentVersionPaths, assessmentVersionRoute } from '../../../../../lib/opendata/routes.ts';

export const getStaticPaths = assessmentVersionPaths;
export const GET = assessmentVersionRoute;
