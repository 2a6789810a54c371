import { describe, expect, it } from 'vitest';
import { MESSAGE_NAMES, type MessageName } from './rules.ts';
import { loadTemplates, parseTemplate, rawTagsInHtml, render, variablesOf } from './templates.ts';

const catalog = loadTemplates();

/** The data each message's producer provides (fan-out, scans); templates may use only these. */
const PROVIDED: Record<MessageName, string[]> = {
  'appointment.booked': [
    'patientName',
    'doctorName',
    'clinicName',
    'localTime',
    'previousTime',
    'manageUrl',
    'bookUrl',
  ],
  'appointment.rescheduled': [
    'patientName',
    'doctorName',
    'clinicName',
    'localTime',
    'previousTime',
    'manageUrl',
    'bookUrl',
  ],
  'appointment.cancelled': [
    'patientName',
    'doctorName',
    'clinicName',
    'localTime',
    'previousTime',
    'manageUrl',
    'bookUrl',
  ],
  'appointment.reminder': [
    'patientName',
    'doctorName',
    'clinicName',
    'clinicAddress',
    'clinicPhone',
    'localTime',
    'manageUrl',
  ],
  'consent.code': ['doctorName', 'code', 'expiresTime'],
  'consent.emergency_access': ['doctorName', 'localTime', 'accessLogUrl'],
  'auth.password_reset': ['link', 'minutes'],
  'auth.account_locked': ['untilTime', 'failedAttempts'],
  'clinic.closed_day': ['clinicName', 'emergencyPhone', 'localDate', 'holidayName'],
  'alert.community': ['neighbourhood', 'condition', 'level', 'summary'],
  'pipeline.report': ['title', 'summary'],
};
const COMMON = ['name', 'unsubscribeUrl'];

describe('message templates', () => {
  it('exist for every message in English and Brazilian Portuguese', () => {
    expect(catalog.locales).toEqual(['en', 'pt-BR']);
    for (const message of MESSAGE_NAMES) {
      expect(catalog.has(message, 'en'), message).toBe(true);
      expect(catalog.has(message, 'pt-BR'), message).toBe(true);
    }
  });

  it('use only the data their message provides, and never a raw (unescaped) tag in HTML', () => {
    for (const message of MESSAGE_NAMES) {
      for (const locale of catalog.locales) {
        const { template } = catalog.get(message, locale);
        const unknown = [...variablesOf(template)].filter(
          (v) => !PROVIDED[message].includes(v) && !COMMON.includes(v),
        );
        expect(unknown, `${message}.${locale}`).toEqual([]);
        expect(rawTagsInHtml(template), `${message}.${locale}`).toEqual([]);
      }
    }
  });

  it('escapes values in HTML but not in the text, subject and SMS', () => {
    const out = render(catalog, 'pipeline.report', 'en', {
      title: 'Tom & <Jerry>',
      summary: '<script>alert("x")</script>',
    });
    expect(out.html).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;');
    expect(out.html).not.toContain('<script>');
    expect(out.subject).toBe('Health Synth report: Tom & <Jerry>');
    expect(out.text).toContain('<script>alert("x")</script>');
    expect(out.sms).toContain('Tom & <Jerry>');
  });

  it('renders a reminder with doctor, clinic, local time and how to cancel, in the chosen language', () => {
    const data = {
      patientName: 'Carla',
      doctorName: 'Dr Ana Souza',
      clinicName: 'Clínica Praia',
      clinicAddress: 'Av. Beira Mar 10',
      clinicPhone: '+55 27 3000-0000',
      localTime: 'qui., 5 de mar. de 2026, 10:00 BRT',
      manageUrl: 'https://clinic.example/appointments/1',
    };
    const pt = render(catalog, 'appointment.reminder', 'pt-BR', data);
    expect(pt.locale).toBe('pt-BR');
    expect(pt.subject).toBe('Lembrete: Dr Ana Souza amanhã, qui., 5 de mar. de 2026, 10:00 BRT');
    expect(pt.text).toContain('Clínica Praia, Av. Beira Mar 10');
    expect(pt.sms).toContain('https://clinic.example/appointments/1');
    expect(render(catalog, 'appointment.reminder', 'de', data).locale).toBe('en');
  });

  it('adds the unsubscribe link only when there is one', () => {
    const data = { title: 'Daily', summary: 'ok' };
    expect(render(catalog, 'pipeline.report', 'en', data).text).not.toContain('Stop');
    const withLink = render(catalog, 'pipeline.report', 'en', {
      ...data,
      unsubscribeUrl: 'https://x/u?token=t',
    });
    expect(withLink.text).toContain('Stop report emails: https://x/u?token=t');
    expect(withLink.html).toContain('href="https:&#x2F;&#x2F;x&#x2F;u?token&#x3D;t"');
  });

  it('refuses a template file with a missing, repeated or unknown section', () => {
    const ok = '--- subject\ns\n--- text\nt\n--- html\nh\n--- sms\nm\n';
    expect(parseTemplate(ok)).toEqual({ subject: 's', text: 't', html: 'h', sms: 'm' });
    expect(() => parseTemplate('--- subject\ns\n--- text\nt\n--- html\nh\n')).toThrow(
      /missing section\(s\) sms/,
    );
    expect(() => parseTemplate(`${ok}--- text\nagain\n`)).toThrow(/appears twice/);
    expect(() => parseTemplate(`${ok}--- footer\nx\n`)).toThrow(/unknown section "footer"/);
  });
});
