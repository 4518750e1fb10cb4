// The citizen's, facilitator's and operator's screens (issue 19) in Debian's Chromium against
// the real hub on a few people written out by hand, each planted for what a test shows: the
// recipient check answers an unknown NIK and a wrong name alike on screen; a rejected
// application shows its reasons in Indonesian (and in English on request), as the API gives
// them; a facilitator files for people of its region, is refused elsewhere, and finds what it
// filed in its list with the history; an operator works a queued report, and sees the hub's
// refusal when someone else moved the case first; an operator's deactivation shows in the
// person's record and in eligibility; every new main screen is screenshotted on a laptop and
// a phone.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { daysBefore } from '@tepat/rules';
import type { Browser, Page } from 'playwright-core';
import { csv, type As } from '../../test/support/federated-hub.js';
import { startWorkflowHub, TAKES_SCREENSHOTS, type WorkflowHub } from './support/app-hub.js';
import { launchChromium, LAPTOP, PHONE, screenshot, screenshotFitting, withWatchedPage, type Watched } from './support/browser.js';
import { jakartaDayOfTheRun } from '../../test/support/day.js';

const TODAY = await jakartaDayOfTheRun();
const ago = (days: number) => daysBefore(TODAY, days);
const MONTH = ago(5).slice(0, 7);
/** A date as the hub writes it in Indonesian reasons: 03-12-2026. */
const dmy = (iso: string) => iso.split('-').reverse().join('-');

// Jembrana (I-BAN, BANSOS_JEMBRANA). NIK digits 7-12: the birth date, the day + 40 for women.
const MADE = '5101011505800001'; // vaccinated, never aided, in Negara: accepted, collects at Balai Banjar Cupel
const DEWA = '5101010303750003'; // never vaccinated: rejected for it
const KADEK = '5101020404790004'; // vaccinated, in Mendoyo: a facilitator complains for him
// Banyuwangi, kelurahan 35.10.01.2001.
const BUDI = '3510010404800001'; // his wife was paid by BLT 30 days ago
const SITI = '3510014505820002';
const SLAMET = '3510010606600003'; // nobody on his card was paid: reported, then verified
const PARTO = '3510010808700005'; // reported; verified by another operator while the first dismisses
const RINI = '3510015212850006'; // DTKS ACTIVE: objected to
// Cilacap: DTKS, paid BLT and PKH this month; outside the facilitator's region.
const JOKO = '3301010101900001';
// Bontang Kuala (64.74.01.1001): DTKS members the kelurahan's operator curates.
const AGUS = '6474010101800001';
const SRI = '6474014202820002';
const AGUSTINA = '6474015503900005'; // not in DTKS: found by the same search
const AGUS_R = '6474012007850006'; // DTKS decile 4
const UNKNOWN = '3301010505900009'; // not in population

const FACILITATOR = { role: 'FACILITATOR', region: '51.01', subject: 'pendamping-jembrana' } as const;
const OPERATOR_SARONGAN = { role: 'OPERATOR', region: '35.10.01.2001', subject: 'operator-sarongan' } as const;
const OPERATOR_BANYUWANGI = { role: 'OPERATOR', region: '35.10', subject: 'operator-banyuwangi' } as const;
const OPERATOR_BONTANG = { role: 'OPERATOR', region: '64.74.01.1001', subject: 'operator-bontang-kuala' } as const;
const ADMIN = { role: 'ADMIN', subject: 'admin-web' } as const;
type Caller = typeof FACILITATOR | typeof OPERATOR_SARONGAN | typeof OPERATOR_BANYUWANGI | typeof OPERATOR_BONTANG | 'PUBLIC';

let app: WorkflowHub;
let browser: Browser;
let requests = 0;
const requestId = () => `web-test-${++requests}-${Date.now()}`;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startWorkflowHub({
      'population/persons.csv': csv([
        'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
        `${MADE},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
        `${DEWA},5101010101100003,I Dewa Gede,L,1975-03-03,HEAD,51.01.01.2001,`,
        `${KADEK},5101020101100004,I Kadek Arta,L,1979-04-04,HEAD,51.01.02.2001,`,
        `${BUDI},3510010101100001,Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
        `${SITI},3510010101100001,Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
        `${SLAMET},3510010101100002,Slamet,L,1960-06-06,HEAD,35.10.01.2001,`,
        `${PARTO},3510010101100003,Parto,L,1970-08-08,HEAD,35.10.01.2001,`,
        `${RINI},3510010101100006,Rini Wulandari,P,1985-12-12,HEAD,35.10.01.2001,`,
        `${JOKO},3301010101100001,Joko Widodo,L,1990-01-01,HEAD,33.01.01.2001,`,
        `${AGUS},6474010101100001,Agus Salim,L,1980-01-01,HEAD,64.74.01.1001,`,
        `${SRI},6474010101100002,Sri Rahayu,P,1982-02-02,HEAD,64.74.01.1001,`,
        `${AGUSTINA},6474010101100005,Agustina Putri,P,1990-03-15,HEAD,64.74.01.1001,`,
        `${AGUS_R},6474010101100006,Agus Riyanto,L,1985-07-20,HEAD,64.74.01.1001,`,
      ]),
      'vaccination/doses.csv': csv(['nik,dose,vaccine,administered_on', `${MADE},1,SINOVAC,2021-07-01`, `${KADEK},1,SINOVAC,2021-07-01`]),
      'dtks/members.csv': csv([
        'nik,kk,decile,status,status_reason,updated_on',
        `${JOKO},3301010101100001,2,ACTIVE,,2024-01-01`,
        `${RINI},3510010101100006,3,ACTIVE,,2024-01-01`,
        `${AGUS},6474010101100001,2,ACTIVE,,2025-01-10`,
        `${SRI},6474010101100002,3,ACTIVE,,2025-01-10`,
        `${AGUS_R},6474010101100006,4,ACTIVE,,2025-01-10`,
      ]),
      'aid/programs.csv': csv([
        'code,name,unit,rule_set',
        'BANSOS_JEMBRANA,Bantuan Sosial Kabupaten Jembrana,PERSON,IBAN',
        'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
        'PKH,Program Keluarga Harapan,FAMILY,DTKS',
      ]),
      'aid/disbursements.csv': csv([
        'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
        `D1,BLT,${SITI},3510010101100001,${ago(30).slice(0, 7)},300000,${ago(30)},35.10.01`,
        `D2,BLT,${JOKO},3301010101100001,${MONTH},300000,${ago(5)},33.01.01`,
        `D3,PKH,${JOKO},3301010101100001,${MONTH},750000,${ago(5)},33.01.01`,
      ]),
      'aid/collection-points.csv': csv(['id,program_code,district_code,name,address', 'CP-NEGARA,BANSOS_JEMBRANA,51.01.01,Balai Banjar Cupel,"Jl. Ngurah Rai 12, Negara"']),
    }),
    launchChromium(),
  ]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Opens a page as the caller (no token: the public), runs `body`, and fails on anything the page did wrong. */
async function withPage(as: Caller, body: (w: Watched) => Promise<void>, options: { viewport?: typeof LAPTOP; expected?: RegExp[] } = {}) {
  await withWatchedPage(browser, app.origin, as === 'PUBLIC' ? undefined : await app.token(as), body, options);
}

async function api<Data = any>(query: string, variables: Record<string, unknown>, as: As) {
  const res = await app.hub.query<Data>(query, variables, as);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents();

describe('a citizen (no token, phone first)', () => {
  /** The recipient check's answer for a NIK and name, on a freshly loaded screen. */
  async function check(page: Page, nik: string, name: string) {
    await page.goto(app.app('/citizen/check'));
    await page.getByLabel('NIK').fill(nik);
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByRole('button', { name: 'Cek', exact: true }).click();
    const result = page.getByTestId('check-result');
    await result.waitFor();
    return result;
  }

  it('gets the same "not matched" for an unknown NIK and for a wrong name, and their aid when both match', async () => {
    await withPage(
      'PUBLIC',
      async ({ page }) => {
        const unknown = await check(page, UNKNOWN, 'Siapa Saja');
        expect(await unknown.getAttribute('data-matched')).toBe('false');
        const unknownShown = await unknown.evaluate((e) => e.outerHTML);
        expect(await unknown.textContent()).toContain('Data tidak ditemukan');
        const wrongName = await check(page, SLAMET, 'Bukan Slamet');
        expect(await wrongName.evaluate((e) => e.outerHTML)).toBe(unknownShown);
        // The hub answered both alike too.
        const CHECK = 'query ($nik: String!, $name: String!) { recipientCheck(nik: $nik, name: $name) { matched period programs { program amount } familyPrograms { program amount } } }';
        expect(await api(CHECK, { nik: UNKNOWN, name: 'Siapa Saja' }, 'PUBLIC')).toEqual(await api(CHECK, { nik: SLAMET, name: 'Bukan Slamet' }, 'PUBLIC'));

        // Both matching: the person's own aid for the month, as the API gives it.
        const joko = await check(page, JOKO, 'joko  widodo');
        expect(await joko.getAttribute('data-matched')).toBe('true');
        const expected = (await api(CHECK, { nik: JOKO, name: 'Joko Widodo' }, 'PUBLIC')).recipientCheck;
        const shown = await joko.locator('[data-testid="own-aid"] li').evaluateAll((items) => items.map((i) => ({ program: i.getAttribute('data-program'), amount: Number(i.getAttribute('data-amount')) })));
        expect(shown).toEqual(expected.programs);
        expect(shown.map((s) => s.program)).toEqual(['BLT', 'PKH']);
        expect(await joko.textContent()).toContain('Rp750.000');
      },
      { viewport: PHONE },
    );
  });

  it('applies and sees the rejection with its reasons in Indonesian as the API gives them, in English on request, and follows it by receipt', async () => {
    await withPage(
      'PUBLIC',
      async ({ page }) => {
        await page.goto(app.app('/citizen/apply'));
        await page.getByLabel('Program').selectOption('BANSOS_JEMBRANA');
        await page.getByLabel('NIK').fill(DEWA);
        await page.getByLabel('Nama lengkap').fill('I Dewa Gede');
        await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
        const filed = page.getByTestId('filed');
        await filed.waitFor();
        expect(await filed.getAttribute('data-status')).toBe('REJECTED');
        expect(await filed.getByRole('heading', { level: 2 }).textContent()).toContain('Permohonan bantuan');
        expect(await filed.locator('.badge').first().textContent()).toBe('Ditolak');
        const receipt = (await filed.getByTestId('receipt').textContent())!;
        expect(receipt).toMatch(/^PMH-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        const reasons = await filed.getByTestId('reasons').locator('li').allTextContents();
        const FOLLOW = 'query ($r: String!, $n: String!, $l: Language!) { application(receipt: $r, nik: $n) { status reasons(language: $l) } }';
        const indonesian = (await api(FOLLOW, { r: receipt, n: DEWA, l: 'ID' }, 'PUBLIC')).application;
        expect(indonesian.status).toBe('REJECTED');
        expect(reasons).toEqual(indonesian.reasons);
        expect(reasons).toEqual([`Belum tercatat menerima vaksin COVID-19 sampai ${dmy(TODAY)}.`]);
        await screenshot(page, 'citizen-apply-rejected');

        // English on request: the reasons are asked again in English.
        const english = (await api(FOLLOW, { r: receipt, n: DEWA, l: 'EN' }, 'PUBLIC')).application.reasons as string[];
        expect(english[0]).not.toBe(reasons[0]);
        await page.getByRole('button', { name: 'English' }).click();
        await filed.getByTestId('reasons').getByText(english[0]!, { exact: true }).waitFor();
        expect(await filed.getByTestId('reasons').locator('li').allTextContents()).toEqual(english);
        await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
        await filed.getByTestId('reasons').getByText(reasons[0]!, { exact: true }).waitFor();

        // Following it by receipt (typed in lower case) and NIK; another NIK finds nothing, as an unknown receipt would.
        await filed.getByRole('link', { name: 'Lacak kasus ini' }).click();
        await page.waitForURL(/\/app\/citizen\/follow\?receipt=/);
        await page.getByLabel('Nomor tanda terima atau tiket').fill(receipt.toLowerCase());
        await page.getByLabel('NIK orang yang diajukan').fill(DEWA);
        await page.getByRole('button', { name: 'Lacak', exact: true }).click();
        const followed = page.locator('[data-testid="followed"][data-found="true"]');
        await followed.waitFor();
        expect(await followed.getAttribute('data-status')).toBe('REJECTED');
        expect(await followed.getByTestId('reasons').locator('li').allTextContents()).toEqual(indonesian.reasons);
        expect(await followed.locator('[data-testid="history"] li').evaluateAll((items) => items.map((i) => i.getAttribute('data-to')))).toEqual(['REJECTED']);
        await page.getByLabel('NIK orang yang diajukan').fill(MADE);
        await page.getByRole('button', { name: 'Lacak', exact: true }).click();
        await page.locator('[data-testid="followed"][data-found="false"]').waitFor();
        expect(await page.getByTestId('followed').textContent()).toContain('Tidak ditemukan');
      },
      { viewport: PHONE },
    );
  });

  it('files a complaint and an objection, each answered with its receipt, and a report rejected at once with the reason', async () => {
    await withPage('PUBLIC', async ({ page }) => {
      await page.goto(app.app('/citizen/report?kind=complaint'));
      await page.getByLabel('NIK penerima bantuan').fill(JOKO);
      await page.getByLabel('Nama orang itu, seperti di KTP').fill('Joko Widodo');
      await page.getByLabel('Program', { exact: true }).selectOption('PKH');
      await page.getByLabel('Jenis pengaduan').selectOption('WRONG_AMOUNT');
      await page.getByLabel('Apa yang terjadi').fill('PKH bulan ini kurang Rp250.000 dari biasanya.');
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      const complaint = page.locator('[data-testid="filed"][data-kind="COMPLAINT"]');
      await complaint.waitFor();
      expect(await complaint.getAttribute('data-status')).toBe('OPEN');
      const ticket = (await complaint.getByTestId('receipt').textContent())!;
      expect(ticket).toMatch(/^ADU-/);
      const stored = (await api('query ($t: String!, $n: String!) { complaint(ticket: $t, nik: $n) { status category program description } }', { t: ticket, n: JOKO }, 'PUBLIC')).complaint;
      expect(stored).toEqual({ status: 'OPEN', category: 'WRONG_AMOUNT', program: 'PKH', description: 'PKH bulan ini kurang Rp250.000 dari biasanya.' });

      await page.getByLabel('Jenis', { exact: true }).selectOption('objection');
      await page.getByLabel('NIK penerima yang disanggah').fill(RINI);
      await page.getByLabel('NIK Anda').fill(SLAMET);
      await page.getByLabel('Alasan sanggah').selectOption('MAMPU');
      await page.getByLabel('Keterangan (opsional)').fill('Baru membeli mobil.');
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      const objection = page.locator('[data-testid="filed"][data-kind="OBJECTION"]');
      await objection.waitFor();
      expect(await objection.getAttribute('data-status')).toBe('QUEUED');
      expect(await objection.textContent()).toContain('Sudah mampu');

      await page.getByLabel('Jenis', { exact: true }).selectOption('report');
      await page.getByLabel('NIK orang yang dilaporkan').fill(BUDI);
      await page.getByLabel('Nama orang itu, seperti di KTP').fill('Budi Santoso');
      await page.getByLabel('Alasan').fill('Kehilangan pekerjaan.');
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      const report = page.locator('[data-testid="filed"][data-kind="REPORT"]');
      await report.waitFor();
      expect(await report.getAttribute('data-status')).toBe('REJECTED');
      const receipt = (await report.getByTestId('receipt').textContent())!;
      const why = (await api('query ($r: String!, $n: String!) { report(receipt: $r, nik: $n) { reasons } }', { r: receipt, n: BUDI }, 'PUBLIC')).report.reasons;
      expect(why.length).toBeGreaterThan(0);
      expect(await report.getByTestId('reasons').locator('li').allTextContents()).toEqual(why);
      // The member paid is masked in the reason, never named.
      expect(await report.textContent()).not.toContain(SITI);
    });
  });
});

describe('a facilitator', () => {
  it('files for people of its region, is refused for someone elsewhere with the hub\'s reason, and finds what it filed in its list with the history', async () => {
    await withPage(FACILITATOR, async ({ page }) => {
      await page.goto(app.app('/'));
      await page.waitForURL(/\/app\/cases$/);
      expect(await menu(page)).toEqual(['Kasus saya', 'Cek bansos', 'Ajukan bantuan', 'Lapor', 'Lacak']);
      await page.locator('[data-testid="filed-cases"][data-total="0"]').waitFor();

      await page.getByRole('link', { name: 'Ajukan bantuan untuk warga' }).click();
      expect(await page.getByTestId('on-behalf').textContent()).toContain('51.01');
      await page.getByLabel('Program').selectOption('BANSOS_JEMBRANA');
      await page.getByLabel('NIK').fill(MADE);
      await page.getByLabel('Nama lengkap').fill('I Made Sutama');
      await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
      const application = page.getByTestId('filed');
      await application.waitFor();
      expect(await application.getAttribute('data-status')).toBe('ACCEPTED');
      expect(await application.getByTestId('collection-point').textContent()).toBe('Balai Banjar Cupel, Jl. Ngurah Rai 12, Negara');
      const applied = (await application.getByTestId('receipt').textContent())!;

      await page.goto(app.app('/citizen/report?kind=complaint'));
      await page.getByLabel('NIK penerima bantuan').fill(KADEK);
      await page.getByLabel('Nama orang itu, seperti di KTP').fill('I Kadek Arta');
      await page.getByLabel('Program', { exact: true }).selectOption('BANSOS_JEMBRANA');
      await page.getByLabel('Jenis pengaduan').selectOption('NOT_RECEIVED');
      await page.getByLabel('Apa yang terjadi').fill('Belum menerima sejak didaftarkan.');
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      const complaint = page.locator('[data-testid="filed"][data-kind="COMPLAINT"]');
      await complaint.waitFor();
      const complained = (await complaint.getByTestId('receipt').textContent())!;

      // Someone outside 51.01: the hub refuses, and the form says why with the code.
      await complaint.getByRole('button', { name: 'Kirim yang lain' }).click();
      await page.getByLabel('NIK penerima bantuan').fill(JOKO);
      await page.getByLabel('Nama orang itu, seperti di KTP').fill('Joko Widodo');
      await page.getByLabel('Apa yang terjadi').fill('Belum menerima.');
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      const error = page.getByTestId('error');
      await error.waitFor();
      expect(await error.locator('.error-code').allTextContents()).toEqual(['FORBIDDEN']);
      expect(await error.locator('.error-message').first().textContent()).toMatch(/region/);

      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Kasus saya' }).click();
      const list = page.locator('[data-testid="filed-cases"][data-total="2"]');
      await list.waitFor();
      const shown = await list.locator('[data-testid="case"]').evaluateAll((cards) => cards.map((c) => [c.getAttribute('data-receipt'), c.getAttribute('data-status')]));
      expect(Object.fromEntries(shown)).toEqual({ [applied]: 'ACCEPTED', [complained]: 'OPEN' });
      const { caseQueue } = await api('{ caseQueue { total cases { receipt caseStatus } } }', {}, FACILITATOR);
      expect(caseQueue.cases.map((c: { receipt: string; caseStatus: string }) => [c.receipt, c.caseStatus])).toEqual(shown);
      // The history says who filed and for whom.
      const card = list.locator(`[data-testid="case"][data-receipt="${applied}"]`);
      await card.getByText('Rincian dan riwayat').click();
      const event = card.locator('[data-testid="history"] li').first();
      expect(await event.getAttribute('data-to')).toBe('ACCEPTED');
      // The hub masks other people's NIKs for a facilitator (5101********0001), so only the ends are compared.
      expect(await event.textContent()).toMatch(new RegExp(`oleh pendamping · pendamping-jembrana · 51\\.01 · atas nama NIK 5101\\S*0001`));
      await screenshot(page, 'facilitator-cases-open');
    });
  });
});

describe('an operator', () => {
  it('works a queued report: verifies it with a note after confirming, and sees the hub\'s answer and its refusal when another operator moved a case first', async () => {
    const REPORT = 'mutation ($n: String!, $name: String!, $id: String!) { submitReport(nik: $n, name: $name, reason: "Tinggal sendiri, tidak bekerja", requestId: $id) { receipt status } }';
    const slamet = (await api(REPORT, { n: SLAMET, name: 'Slamet', id: requestId() }, 'PUBLIC')).submitReport;
    const parto = (await api(REPORT, { n: PARTO, name: 'Parto', id: requestId() }, 'PUBLIC')).submitReport;
    expect([slamet.status, parto.status]).toEqual(['QUEUED', 'QUEUED']);

    await withPage(OPERATOR_SARONGAN, async ({ page }) => {
      await page.goto(app.app('/'));
      await page.waitForURL(/\/app\/operator\/queue$/);
      expect(await menu(page)).toEqual(['Antrean kasus', 'Cari penduduk', 'Mutu data', 'Lapor']);
      await page.getByLabel('Jenis', { exact: true }).selectOption('REPORT');
      await page.locator('[data-testid="queue"][data-kind="REPORT"][data-stale="false"]').waitFor();
      const card = page.locator(`[data-testid="case"][data-receipt="${slamet.receipt}"]`);
      await card.waitFor();
      expect(await page.locator('[data-testid="case"]').evaluateAll((cards) => cards.every((c) => c.getAttribute('data-kind') === 'REPORT'))).toBe(true);
      expect(await card.getByRole('link', { name: 'Slamet' }).getAttribute('href')).toBe(`/app/person/${SLAMET}`);

      await card.getByRole('button', { name: 'Verifikasi' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(`Verifikasi laporan ${slamet.receipt}?`);
      await dialog.getByLabel('Yang ditemukan (opsional)').fill('Dikunjungi: rumah tidak layak huni, tinggal sendiri.');
      await dialog.getByRole('button', { name: 'Verifikasi' }).click();
      const answer = page.locator(`[data-testid="move-answer"][data-receipt="${slamet.receipt}"]`);
      await answer.waitFor();
      expect(await answer.getAttribute('data-status')).toBe('VERIFIED');
      expect(await answer.textContent()).toContain('Dikunjungi: rumah tidak layak huni, tinggal sendiri.');
      await dialog.waitFor({ state: 'detached' });
      await page.locator(`[data-testid="case"][data-receipt="${slamet.receipt}"][data-status="VERIFIED"]`).waitFor();
      expect(await card.getByRole('button', { name: 'Verifikasi' }).count()).toBe(0);
      const followed = (await api('query ($r: String!, $n: String!) { report(receipt: $r, nik: $n) { status history { toStatus by { role subject } note } } }', { r: slamet.receipt, n: SLAMET }, OPERATOR_SARONGAN)).report;
      expect(followed.status).toBe('VERIFIED');
      expect(followed.history.at(-1)).toEqual({ toStatus: 'VERIFIED', by: { role: 'OPERATOR', subject: 'operator-sarongan' }, note: 'Dikunjungi: rumah tidak layak huni, tinggal sendiri.' });

      // Dismissing a report another operator verified meanwhile: the hub refuses, the dialog says why and with which code.
      const other = page.locator(`[data-testid="case"][data-receipt="${parto.receipt}"]`);
      await other.getByRole('button', { name: 'Tolak laporan' }).click();
      await dialog.getByLabel('Alasan (wajib)').fill('Sudah dibantu desa.');
      await api('mutation ($r: String!, $id: String!) { verifyReport(receipt: $r, note: "Dikunjungi", requestId: $id) { status } }', { r: parto.receipt, id: requestId() }, OPERATOR_BANYUWANGI);
      await dialog.getByRole('button', { name: 'Tolak laporan' }).click();
      const refusal = dialog.getByTestId('error');
      await refusal.waitFor();
      expect(await refusal.locator('.error-code').allTextContents()).toEqual(['BAD_USER_INPUT']);
      expect(await refusal.locator('.error-message').textContent()).toContain('VERIFIED');
      await dialog.getByRole('button', { name: 'Batal' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The queue was asked again: the case shows as the other operator left it.
      await page.locator(`[data-testid="case"][data-receipt="${parto.receipt}"][data-status="VERIFIED"]`).waitFor();
    });
  });

  it('finds a person of its village by name, deactivates their DTKS record with a reason and a note, and sees it in the record, its history and eligibility', async () => {
    const ELIGIBILITY = `query ($n: String!) { eligibility(nik: $n, ruleSet: "DTKS") { decision checks { code status } } }`;
    const before = (await api(ELIGIBILITY, { n: AGUS }, ADMIN)).eligibility;
    expect(before.decision).toBe('ELIGIBLE');
    expect(before.checks).toContainEqual({ code: 'IN_DTKS', status: 'PASS' });

    await withPage(OPERATOR_BONTANG, async ({ page }) => {
      await page.goto(app.app('/operator/search'));
      await page.getByLabel('Nama atau NIK').fill('agus');
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      const row = page.locator(`[data-testid="search-results"] tr[data-row="${AGUS}"]`);
      await row.waitFor();
      expect((await page.locator('[data-testid="search-results"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).sort()).toEqual([AGUS, AGUSTINA, AGUS_R].sort());
      expect(await page.locator(`tr[data-row="${AGUSTINA}"]`).textContent()).toContain('Tidak terdaftar di DTKS.');
      expect(await row.textContent()).toContain('Aktif · desil 2');
      await row.getByRole('link', { name: 'Agus Salim' }).click();
      await page.waitForURL(new RegExp(`/app/person/${AGUS}$`));
      await page.locator('[data-testid="dtks"][data-status="ACTIVE"]').waitFor();
      expect(await page.getByTestId('dtks-history').count()).toBe(0);

      await page.getByRole('button', { name: 'Periksa kelayakan' }).click();
      await page.locator('[data-testid="eligibility-result"][data-decision="ELIGIBLE"]').waitFor();

      await page.getByRole('button', { name: 'Nonaktifkan' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Alasan').selectOption('PINDAH');
      await dialog.getByLabel('Keterangan').fill('Pindah ke Samarinda sejak November.');
      await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The record as the hub left it, at once: status, reason, the change in the history, and eligibility asked again.
      await page.locator('[data-testid="dtks"][data-status="INACTIVE"]').waitFor();
      expect(await page.getByTestId('curation-answer').getAttribute('data-status')).toBe('INACTIVE');
      expect(await page.getByTestId('dtks-status').textContent()).toBe('Nonaktif Pindah domisili');
      const change = page.locator('[data-testid="dtks-history"] tr[data-change="DEACTIVATED"]');
      expect(await change.textContent()).toContain('operator-bontang-kuala');
      expect(await change.textContent()).toContain('Pindah domisili: Pindah ke Samarinda sejak November.');
      expect(await change.textContent()).toContain('Aktif · desil 2 → Nonaktif (Pindah domisili) · desil 2');
      const decided = page.locator('[data-testid="eligibility-result"][data-decision="INELIGIBLE"]');
      await decided.waitFor();
      expect(await decided.locator('[data-check="IN_DTKS"]').getAttribute('data-status')).toBe('FAIL');
      await screenshot(page, 'operator-person-deactivated');

      // A NIK typed into the search opens the record; someone outside the village is no one the operator can find, as an unknown NIK is.
      await page.goto(app.app('/operator/search'));
      await page.getByLabel('Nama atau NIK').fill(SRI);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.waitForURL(new RegExp(`/app/person/${SRI}$`));
      await page.getByTestId('person-name').waitFor();
      await page.goto(app.app(`/person/${JOKO}`));
      await page.getByText(`Tidak ada penduduk wilayah Anda dengan NIK ${JOKO}:`).waitFor();
      expect(await page.getByTestId('person').count()).toBe(0);
    });

    // The API agrees: the record, its history and eligibility changed.
    const after = (await api(ELIGIBILITY, { n: AGUS }, ADMIN)).eligibility;
    expect(after.decision).toBe('INELIGIBLE');
    expect(after.checks).toContainEqual({ code: 'IN_DTKS', status: 'FAIL' });
    const record = (await api('query ($n: String!) { person(nik: $n) { dtks { status statusReason history { change actorSubject reason note } } } }', { n: AGUS }, OPERATOR_BONTANG)).person.dtks;
    expect(record).toEqual({
      status: 'INACTIVE',
      statusReason: 'PINDAH',
      history: [{ change: 'DEACTIVATED', actorSubject: 'operator-bontang-kuala', reason: 'PINDAH', note: 'Pindah ke Samarinda sejak November.' }],
    });
  });
});

describe('every new main screen', () => {
  let receipt: string;
  beforeAll(async () => {
    // A queue with one case of each kind a citizen files in Banyuwangi, and a rejected application to follow.
    const file = (query: string, variables: Record<string, unknown>) => api(query, { ...variables, id: requestId() }, 'PUBLIC');
    await file('mutation ($id: String!) { submitProposal(nik: "' + PARTO + '", name: "Parto", submitterNik: "' + SLAMET + '", reason: "Buruh harian, penghasilan tidak tetap", requestId: $id) { receipt } }', {});
    await file('mutation ($id: String!) { submitComplaint(nik: "' + BUDI + '", name: "Budi Santoso", program: "BLT", category: NOT_RECEIVED, description: "BLT istri saya tidak sampai", requestId: $id) { ticket } }', {});
    await file('mutation ($id: String!) { submitReport(nik: "' + SLAMET + '", name: "Slamet", reason: "Sakit menahun", requestId: $id) { receipt } }', {});
    receipt = (await file('mutation ($id: String!) { submitApplication(program: "BANSOS_JEMBRANA", nik: "' + DEWA + '", name: "I Dewa Gede", requestId: $id) { receipt } }', {})).submitApplication.receipt;
  });

  (TAKES_SCREENSHOTS ? it.each : it.skip.each)([
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ])('is screenshotted on a %s, fits its width, and shows what it should', async (_name, viewport) => {
    const screens: { as: Caller; path: string; name: string; act: (page: Page) => Promise<void> }[] = [
      {
        as: 'PUBLIC',
        path: '/citizen/check',
        name: 'citizen-check',
        act: async (page) => {
          await page.getByLabel('NIK').fill(JOKO);
          await page.getByLabel('Nama lengkap').fill('Joko Widodo');
          await page.getByRole('button', { name: 'Cek', exact: true }).click();
          await page.locator('[data-testid="check-result"][data-matched="true"]').waitFor();
        },
      },
      {
        as: 'PUBLIC',
        path: '/citizen/apply',
        name: 'citizen-apply',
        act: async (page) => {
          await page.getByLabel('Program').selectOption('BANSOS_JEMBRANA');
          await page.getByLabel('NIK').fill(DEWA);
          await page.getByLabel('Nama lengkap').fill('I Dewa Gede');
          await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
          await page.locator('[data-testid="filed"] [data-testid="reasons"]').waitFor();
        },
      },
      { as: 'PUBLIC', path: '/citizen/report?kind=objection', name: 'citizen-report', act: (page) => page.getByLabel('Alasan sanggah').waitFor() },
      {
        as: 'PUBLIC',
        path: `/citizen/follow?receipt=${receipt}`,
        name: 'citizen-follow',
        act: async (page) => {
          await page.getByLabel('NIK orang yang diajukan').fill(DEWA);
          await page.getByRole('button', { name: 'Lacak', exact: true }).click();
          await page.locator('[data-testid="followed"][data-found="true"]').waitFor();
        },
      },
      {
        as: FACILITATOR,
        path: '/cases',
        name: 'facilitator-cases',
        act: async (page) => {
          await page.locator('[data-testid="filed-cases"] [data-testid="case"]').first().waitFor();
          await page.getByText('Rincian dan riwayat').first().click();
        },
      },
      {
        as: OPERATOR_SARONGAN,
        path: '/operator/queue',
        name: 'operator-queue',
        act: async (page) => {
          await page.locator('[data-testid="queue"] [data-testid="case"][data-kind="PROPOSAL"]').waitFor();
          await page.locator('[data-testid="case"][data-kind="OBJECTION"]').getByText('Rincian dan riwayat').click();
        },
      },
      {
        as: OPERATOR_BONTANG,
        path: '/operator/search?q=agus',
        name: 'operator-search',
        act: (page) => page.locator('[data-testid="search-results"] tbody tr').first().waitFor(),
      },
      {
        as: OPERATOR_BONTANG,
        path: `/person/${AGUS}`,
        name: 'operator-person',
        act: async (page) => {
          await page.getByTestId('dtks-history').waitFor();
          await page.getByRole('button', { name: 'Periksa kelayakan' }).click();
          await page.getByTestId('eligibility-result').waitFor();
        },
      },
    ];
    for (const screen of screens) {
      await withPage(
        screen.as,
        async ({ page }) => {
          await page.goto(app.app(screen.path));
          await page.locator('main h1').waitFor();
          await screen.act(page);
          await page.waitForLoadState('networkidle');
          await screenshotFitting(page, screen.name);
        },
        { viewport },
      );
    }
  });
});
