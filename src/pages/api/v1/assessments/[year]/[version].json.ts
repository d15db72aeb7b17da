/** /api/v1/assessments/<year>/v<N>.json: one published assessment version's results, unchanged once published. */
import { assessmentVersionPaths, assessmentVersionRoute } from '../../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(assessmentVersionPaths, ['opendata']);
export const GET = assessmentVersionRoute;
