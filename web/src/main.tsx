import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  createTheme,
  darken,
  MantineProvider,
  Modal,
  Notification,
  type CSSVariablesResolver,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from './lib/api.ts';
import { SessionProvider } from './lib/session.tsx';
import { router } from './routes.tsx';

const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close message' } },
    }),
  },
});

/** Dimmed text darker than Mantine's default, so that it meets WCAG AA contrast in both themes. */
const COLORS = ['blue', 'teal', 'red', 'orange', 'grape', 'gray', 'green', 'yellow', 'cyan', 'indigo'];
const contrast: CSSVariablesResolver = (t) => ({
  variables: {},
  // Light theme: badge and alert text, and filled backgrounds, one shade darker than Mantine's default.
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    // Field errors (text and the invalid input's text) at AA contrast too.
    '--mantine-color-error': darken(t.colors.red[9], 0.15),
    ...Object.fromEntries(
      COLORS.flatMap((c) => [
        [`--mantine-color-${c}-light`, t.colors[c]![0]],
        [`--mantine-color-${c}-light-color`, darken(t.colors[c]![9], 0.25)],
        [`--mantine-color-${c}-filled`, darken(t.colors[c]![9], 0.15)],
        [`--mantine-color-${c}-text`, darken(t.colors[c]![9], 0.15)],
      ]),
    ),
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1], '--mantine-color-error': t.colors.red[4] },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={contrast}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
