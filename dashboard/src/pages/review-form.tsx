// POST /admin/vendors/:name/review from a form. The API is the judge of a review (a past expiry, data classes on
// a rejection): the form sends what was entered and shows the API's message when it says no.
import { useState } from 'preact/hooks';
import { ErrorBox } from '../components.tsx';
import { useSession } from '../session.ts';
import type { ReviewChange, ReviewStatus, Vendor } from '../types.ts';

const STATUSES: ReviewStatus[] = ['approved', 'pending', 'rejected'];
const DATA_CLASSES = ['public', 'internal', 'confidential', 'personal', 'special', 'payment', 'credentials'];

export function ReviewForm(props: { vendor: Vendor; onSaved: () => void }) {
  const session = useSession();
  const [status, setStatus] = useState<ReviewStatus>(props.vendor.review.status);
  const [data, setData] = useState<string[]>(props.vendor.review.approved_data);
  const [expires, setExpires] = useState('');
  const [by, setBy] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  const toggle = (c: string, on: boolean): void => setData((d) => (on ? [...d, c] : d.filter((x) => x !== c)));
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const change: ReviewChange = { status, approved_data: DATA_CLASSES.filter((c) => data.includes(c)) };
    if (expires !== '') change.expires = expires;
    if (by.trim() !== '') change.by = by.trim();
    setBusy(true);
    try {
      const answer = await session.call<{ before: Vendor; after: Vendor }>(`/admin/vendors/${encodeURIComponent(props.vendor.name)}/review`, change);
      setOutcome({ ok: true, message: `Saved: the review in force went from ${answer.before.effective.status} to ${answer.after.effective.status}.` });
      props.onSaved();
    } catch (err) {
      setOutcome({ ok: false, message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="review" onSubmit={(e) => void submit(e)}>
      <span>
        <label for="review-status">Status</label>{' '}
        <select id="review-status" name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ReviewStatus)}>
          {STATUSES.map((s) => <option value={s}>{s}</option>)}
        </select>
      </span>
      <fieldset>
        <legend>Approved data classes</legend>
        {DATA_CLASSES.map((c) => (
          <label class="check">
            <input type="checkbox" name="approved_data" value={c} checked={data.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} /> {c}
          </label>
        ))}
      </fieldset>
      <label>Expires{' '}<input type="date" name="expires" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} /></label>
      <label>Reviewer{' '}<input type="text" name="by" placeholder="your name" value={by} onInput={(e) => setBy(e.currentTarget.value)} /></label>
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save review'}</button>
      {outcome !== null && (outcome.ok ? <p class="ok" role="status">{outcome.message}</p> : <ErrorBox message={outcome.message} />)}
    </form>
  );
}
