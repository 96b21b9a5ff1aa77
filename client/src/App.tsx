import type { SessionView } from '../../server/http/contract';
import { AdminPanel } from './pages/AdminPanel';
import { DeepLinkingPanel } from './pages/DeepLinkingPanel';
import { MentorPanel } from './pages/MentorPanel';
import { NoRolePanel } from './pages/NoRolePanel';
import { StudentPanel } from './pages/StudentPanel';
import { TeacherPanel } from './pages/TeacherPanel';

/** One page per panel; the server has already chosen the panel from the launch's roles. */
export function App({ session }: { session: SessionView }) {
  switch (session.panel) {
    case 'student':
      return <StudentPanel session={session} />;
    case 'teacher':
      return <TeacherPanel session={session} />;
    case 'mentor':
      return <MentorPanel session={session} />;
    case 'admin':
      return <AdminPanel session={session} />;
    case 'deep-linking':
      return <DeepLinkingPanel session={session} />;
    case 'no-role':
      return <NoRolePanel session={session} />;
  }
}
