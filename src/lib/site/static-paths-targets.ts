/** getStaticPaths of /targets/code/<code>/, shared by the zh-CN and English routes. */
import { getCollection } from './collections.ts';

/** Every published target of every year: codes carry their year, so old links keep working. */
export async function targetCodePaths() {
  return (await getCollection('targets')).map(({ data: t }) => ({
    params: { code: t.code },
    props: { id: t.id, code: t.code, title: t.title, titleEn: t.title_en },
  }));
}
