/** The frame: header (home, theme, inbox, sign out), the role's navigation (a drawer on phones), the page. */
import {
  ActionIcon,
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation } from 'react-router';
import { api } from './lib/api.ts';
import { homeOf, useSession, type Me } from './lib/session.tsx';

const NAV: Record<Me['role'], [string, string][]> = {
  patient: [
    ['/patient', 'My appointments'],
    ['/find', 'Find a doctor'],
    ['/patient/timeline', 'My medical timeline'],
    ['/patient/consent', 'Consent'],
    ['/patient/access', 'Who accessed my record'],
    ['/patient/inbox', 'Messages'],
    ['/patient/settings', 'Notification settings'],
  ],
  doctor: [
    ['/doctor', 'Agenda'],
    ['/doctor/patients', 'My patients'],
    ['/doctor/availability', 'Availability'],
    ['/doctor/ratings', 'My ratings'],
    ['/doctor/inbox', 'Messages'],
  ],
  admin: [
    ['/admin', 'Dashboard'],
    ['/admin/pipeline', 'Pipeline runs'],
    ['/admin/clinics', 'Clinics'],
    ['/admin/doctors', 'Doctors'],
    ['/admin/users', 'Users'],
    ['/admin/deliveries', 'Notification deliveries'],
    ['/admin/audit', 'Audit search'],
    ['/admin/alerts', 'Community alerts'],
    ['/admin/ratings', 'Rating moderation'],
    ['/admin/inbox', 'Messages'],
  ],
};

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={() => setColorScheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      <span aria-hidden>{scheme === 'dark' ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

function Unread({ role }: { role: Me['role'] }) {
  const unread = useQuery({
    queryKey: ['inbox', 'unread'],
    queryFn: () => api<{ unread: number }>('/me/notifications/unread-count'),
    refetchInterval: 30_000,
  });
  const n = unread.data?.unread ?? 0;
  return (
    <Anchor component={Link} to={`${homeOf(role)}/inbox`} aria-label={`Messages, ${String(n)} unread`}>
      <Badge variant={n > 0 ? 'filled' : 'light'} size="lg" style={{ cursor: 'pointer' }}>
        ✉ {n}
      </Badge>
    </Anchor>
  );
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const links = user ? NAV[user.role] : [];
  const leave = () => void signOut();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={links.length ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {links.length > 0 && (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            )}
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
              HealthSync
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {user && <Unread role={user.role} />}
            <ThemeToggle />
            {user ? (
              <>
                <Anchor component={Link} to="/account" size="sm" visibleFrom="sm">
                  <VisuallyHidden>Your account: </VisuallyHidden>
                  {user.displayName}
                </Anchor>
                <Button variant="default" size="xs" onClick={leave} visibleFrom="sm">
                  Sign out
                </Button>
              </>
            ) : (
              <Button component={Link} to="/signin" size="xs">
                Sign in
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {links.length > 0 && (
        <AppShell.Navbar p="xs" aria-label="Main">
          <VisuallyHidden>
            <h2>Navigation</h2>
          </VisuallyHidden>
          {user && (
            <Button variant="default" size="xs" onClick={leave} hiddenFrom="sm" mb="xs">
              Sign out ({user.displayName})
            </Button>
          )}
          {user && (
            <NavLink
              component={Link}
              to="/account"
              label="Your account"
              hiddenFrom="sm"
              active={pathname === '/account'}
              onClick={close}
            />
          )}
          {links.map(([to, label]) => (
            <NavLink
              key={to}
              component={Link}
              to={to}
              label={label}
              active={pathname === to}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <div style={{ maxWidth: 1100 }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
