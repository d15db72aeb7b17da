/**
 * The demo city's satisfaction surveys for the mass evaluation (群众测评): every unit, every year,
 * a panel survey answered by citizens, citizen representatives and enterprises (some groups fall
 * below the minimum sample on purpose), and this year an open survey (public sentiment).
 */
import { Rng } from './rng.ts';
import { STRUGGLING_UNIT, type DemoCity, type Row } from './generate.ts';

export interface DemoSurveys {
  surveys: Row[];
  survey_questions: Row[];
  survey_responses: Row[];
  survey_answers: Row[];
}

const QUESTIONS: [string, string, number][] = [
  ['您对该单位履行职责、完成年度目标的总体满意度', 'Overall satisfaction with how the unit met its targets', 0.4],
  ['您对该单位服务效率和办事作风的满意度', 'Satisfaction with the unit\'s efficiency and conduct', 0.3],
  ['您对该单位依法行政、廉洁自律的满意度', 'Satisfaction with the unit\'s lawfulness and integrity', 0.3],
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Rows with ids starting after the given ones (surveys may already hold other demo surveys). */
export function generateDemoSurveys(city: DemoCity, seed: number, after: { survey: number; question: number; response: number }): DemoSurveys {
  const out: DemoSurveys = { surveys: [], survey_questions: [], survey_responses: [], survey_answers: [] };
  let surveyId = after.survey;
  let questionId = after.question;
  let responseId = after.response;
  const years = city.assessment_years.map((y) => y.year as number);
  for (const unit of city.units) {
    for (const year of years) {
      const rng = new Rng(seed).fork(`survey-${unit.code as string}-${year}`);
      // Citizens rate the struggling unit (whose targets fall short every year) below most others.
      const drawn = Math.min(4.7, Math.max(2.4, rng.normal(3.9, 0.35)));
      const quality = unit.code === STRUGGLING_UNIT ? Math.min(drawn, 3.3) : drawn;
      const modes = year === city.year ? (['panel', 'open'] as const) : (['panel'] as const);
      for (const mode of modes) {
        surveyId++;
        const id = surveyId;
        out.surveys.push({
          id, slug: `${mode === 'panel' ? 'mass' : 'sentiment'}-${year}-${(unit.code as string).toLowerCase()}`, year, unit_id: unit.id as number, mode,
          title: `${unit.name as string}${year}年度${mode === 'panel' ? '群众满意度测评' : '社情民意调查'}`,
          title_en: `${unit.name_en as string}: ${mode === 'panel' ? 'satisfaction survey' : 'public sentiment survey'} ${year}`,
          description: mode === 'panel' ? '受邀市民、市民代表和企业对该单位年度工作的满意度测评。' : '任何市民均可参与的公开调查，结果单独公布，不计入考核得分。',
          description_en: mode === 'panel' ? 'Invited citizens, representatives and enterprises rate the unit\'s year.' : 'An open survey anyone may answer; published separately, not part of the score.',
          opens_at: `${year}-11-01T00:00:00+08:00`, closes_at: `${year}-12-20T00:00:00+08:00`,
          created_at: `${year}-10-20T10:00:00+08:00`,
        });
        const questions = QUESTIONS.map(([prompt, promptEn, weight], i) => {
          questionId++;
          out.survey_questions.push({ id: questionId, survey_id: id, position: i + 1, kind: 'rating', prompt, prompt_en: promptEn, weight, required: true });
          return questionId;
        });
        const groups: [string, number][] = mode === 'panel'
          ? [['citizen', rng.int(30, 45)], ['representative', rng.int(26, 36)], ['enterprise', rng.int(15, 40)]]
          : [['public', rng.int(4, 25)]];
        for (const [group, count] of groups) {
          for (let k = 0; k < count; k++) {
            responseId++;
            out.survey_responses.push({
              id: responseId, survey_id: id, respondent_group: group,
              // Open surveys: every third answer from a confirmed contact, the rest quick answers.
              verification: mode === 'panel' ? 'invitation' : k % 3 === 0 ? 'verified' : 'quick',
              submitted_at: `${year}-${pad(rng.int(11, 12))}-${pad(rng.int(1, 19))}T${pad(rng.int(8, 21))}:${pad(rng.int(0, 59))}:00+08:00`,
            });
            const bias = mode === 'open' ? -0.4 : group === 'enterprise' ? 0.1 : 0;
            for (const question of questions) {
              const rating = Math.min(5, Math.max(1, Math.round(rng.normal(quality + bias, 0.85))));
              out.survey_answers.push({ response_id: responseId, question_id: question, rating });
            }
          }
        }
      }
    }
  }
  return out;
}
