/** The plain landing page, served at `/` (see web.ts) until the web app is built: what this is and where to go next. */
export const landingPage = (version: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HealthSync</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; color: #1a1b1e; }
  h1 { margin-bottom: 0.25rem; } p.sub { margin-top: 0; color: #555; }
  a { color: #1864ab; } code { background: #f1f3f5; padding: 0 0.25rem; border-radius: 3px; }
  @media (prefers-color-scheme: dark) { body { background: #1a1b1e; color: #e9ecef; } a { color: #74c0fc; } code { background: #2c2e33; } p.sub { color: #adb5bd; } }
</style>
</head>
<body>
<main>
<h1>HealthSync</h1>
<p class="sub">Clinics, doctors, patients, appointments and records in one place. Version ${version}.</p>
<ul>
  <li><a href="/api/docs">API documentation</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>)</li>
  <li>Directory: <a href="/api/v1/clinics">clinics</a>, <a href="/api/v1/doctors">doctors</a>, <a href="/api/v1/specialties">specialties</a></li>
  <li>Status: <a href="/health">/health</a>, <a href="/ready">/ready</a></li>
</ul>
<p>The demo accounts were printed by <code>npm start</code> on the first start.</p>
</main>
</body>
</html>
`;
