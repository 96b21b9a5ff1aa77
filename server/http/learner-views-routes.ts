// The mentor (parent) view of mentees and the student's own progress and data download.
// Every response here is one person's data: never cached, and every look is audited.
import { Router, type Response } from 'express';
import { audit } from '../insights/audit';
import type { InsightsDeps } from '../insights/deps';
import { findMentees, menteeView } from '../insights/mentee';
import { myProgress } from '../insights/my-progress';
import { collectOwnData, ownDataCsv } from '../insights/own-data-export';
import type { LaunchContext } from '../lti/launch-context';
import type { MenteesResponse, MenteeView, MyProgressView } from './contract';
import { AppError } from './errors';
import { UUID } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';

const forbidden = () => new AppError('forbidden', 403, 'api.forbidden');
const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

export function learnerViewsRoutes(deps: InsightsDeps): Router {
  const router = Router();

  router.get('/api/mentor/mentees', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'view-mentees');
    const mentees: MenteeView[] = [];
    for (const m of await findMentees(deps.db, launch)) {
      mentees.push(await menteeView(deps.db, deps.catalog, launch, m));
      await audit(deps.db, launch, 'view-mentee', { subjectUserId: m.userId });
    }
    const body: MenteesResponse = { mentees };
    noStore(res).json(body);
  });

  router.get('/api/mentor/mentees/:userId', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'view-mentees');
    // One answer for anyone outside the mentee set (another student, an unknown or a
    // malformed id), so the response never tells whether a user exists.
    const id = String(req.params.userId).toLowerCase();
    if (!UUID.test(id)) throw forbidden();
    const mentee = (await findMentees(deps.db, launch)).find((m) => m.userId === id);
    if (!mentee) throw forbidden();
    const body: MenteeView = await menteeView(deps.db, deps.catalog, launch, mentee);
    await audit(deps.db, launch, 'view-mentee', { subjectUserId: mentee.userId });
    noStore(res).json(body);
  });

  router.get('/api/me/progress', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'view-own-progress');
    const body: MyProgressView = await myProgress(deps.db, deps.catalog, launch);
    noStore(res).json(body);
  });

  const download = async (launch: LaunchContext, format: 'json' | 'csv') => {
    authorize(launch, 'view-own-progress');
    // Audited first, so the download lists itself among the events about the student.
    await audit(deps.db, launch, 'download-own-data', { subjectUserId: launch.userId, detail: { format } });
    const data = await collectOwnData(deps.db, { userId: launch.userId!, platformId: launch.platformId });
    return { data, filename: `trellis-my-data-${data.exportedAt.slice(0, 10)}.${format}` };
  };

  router.get('/api/me/data.json', async (req, res) => {
    const { data, filename } = await download(launchOf(req), 'json');
    noStore(res).attachment(filename).type('application/json').send(JSON.stringify(data, null, 2));
  });

  router.get('/api/me/data.csv', async (req, res) => {
    const { data, filename } = await download(launchOf(req), 'csv');
    noStore(res).attachment(filename).type('text/csv; charset=utf-8').send(ownDataCsv(data));
  });

  return router;
}
