// Apply for a child: stage 1 among the catchment schools, with an optional privilege claim
// and its document; stage 2 among every school with a free seat; outside both, when it opens.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOCUMENT_BYTES } from '../../../shared/portal/contract';
import { formatBytes, formatDateTime } from '../../../renderer/src/i18n/formatting';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { portalApi, newIdempotencyKey } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeError, describeField } from '../ui/describe';
import { checkDocument } from '../ui/document';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { type Pick, SchoolPicker } from '../ui/SchoolPicker';
import { useForm } from '../ui/useForm';
import { useLoad } from '../ui/useLoad';
import type { FieldErrors } from '../ui/validate';

export function ApplyPage({ childPin }: { childPin: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error } = useLoad(
    () => Promise.all([portalApi.campaign(), portalApi.cabinet()]),
    [],
  );
  if (error) {
    return (
      <Page title={t('apply.title')}>
        <Alert kind="error">{describeError(t, error, lang)}</Alert>
      </Page>
    );
  }
  if (!data) return <Loading />;
  const [campaign, cabinet] = data;
  const child = cabinet.children.find((c) => c.pin === childPin);
  if (!child) {
    return (
      <Page title={t('apply.title')}>
        <Alert kind="error">{t('error.not_found')}</Alert>
        <Link href="/cabinet">{t('common.toCabinet')}</Link>
      </Page>
    );
  }
  const name = [child.lastName, child.firstName].join(' ');
  if (campaign.phase !== 'stage1' && campaign.phase !== 'stage2') {
    return (
      <Page title={t('apply.titleFor', { name })}>
        <Alert kind="info">
          {campaign.opensAt
            ? t('campaign.opensAt', {
                year: campaign.year,
                date: formatDateTime(campaign.opensAt, lang),
              })
            : t('campaign.closed', { year: campaign.year })}
        </Alert>
        <Link href="/cabinet">{t('common.toCabinet')}</Link>
      </Page>
    );
  }
  return (
    <ApplyForm
      childPin={childPin}
      name={name}
      stage={campaign.phase === 'stage1' ? 1 : 2}
      categories={campaign.privilegeCategories}
    />
  );
}

function ApplyForm(props: { childPin: string; name: string; stage: 1 | 2; categories: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [stage, setStage] = useState<1 | 2>(props.stage);
  const [pick, setPick] = useState<Pick | null>(null);
  const [claim, setClaim] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const f = useForm({ category: '', actualAddress: '' });
  // One key per submission, kept when the waiting page retries it or the parent presses
  // again after a lost answer: the server then returns the same receipt, never a second one.
  const key = useRef(newIdempotencyKey());
  const uploaded = useRef<{ file: File; documentId: string } | null>(null);

  const validate = (): FieldErrors => {
    const errs: FieldErrors = {};
    if (!pick) errs.stream = 'required';
    if (stage === 1 && claim) {
      if (!f.values.category) errs.category = 'required';
      if (!file) errs.file = 'required';
    }
    return errs;
  };
  const onSubmit = f.submit(validate, async () => {
    if (!pick) return;
    let privilege: { category: string; documentId: string } | undefined;
    if (stage === 1 && claim && file) {
      const problem = await checkDocument(file);
      if (problem) {
        f.setErrors({ file: problem });
        return;
      }
      if (uploaded.current?.file !== file) {
        const doc = await portalApi.uploadDocument(file);
        uploaded.current = { file, documentId: doc.documentId };
      }
      privilege = { category: f.values.category, documentId: uploaded.current.documentId };
    }
    const actualAddress = stage === 2 ? f.values.actualAddress.trim() || undefined : undefined;
    const receipt = await portalApi.apply(
      {
        childPin: props.childPin,
        choice: { schoolId: pick.schoolId, language: pick.language, privilege, actualAddress },
      },
      key.current,
    );
    navigate(`/applications/${encodeURIComponent(receipt.applicationId)}`);
  });

  return (
    <Page title={t('apply.titleFor', { name: props.name })}>
      <p>{t(stage === 1 ? 'apply.stage1Intro' : 'apply.stage2Intro')}</p>
      <form ref={f.formRef} onSubmit={onSubmit} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <SchoolPicker
          childPin={props.childPin}
          value={pick}
          onChange={(p) => {
            setPick(p);
            key.current = newIdempotencyKey();
          }}
          onStage={setStage}
          error={describeField(t, 'stream', f.errors.stream)}
        />
        {stage === 1 && (
          <fieldset className="privilege">
            <legend>{t('apply.privilege')}</legend>
            <p className="hint">{t('apply.privilegeHint')}</p>
            <div className="check">
              <input
                id="claim"
                type="checkbox"
                checked={claim}
                onChange={(e) => setClaim(e.target.checked)}
              />
              <label htmlFor="claim">{t('apply.claim')}</label>
            </div>
            {claim && (
              <>
                <div className={f.errors.category ? 'field field-invalid' : 'field'}>
                  <label htmlFor="category">{t('apply.category')}</label>
                  <select
                    id="category"
                    aria-invalid={f.errors.category ? true : undefined}
                    aria-describedby={f.errors.category ? 'category-error' : undefined}
                    {...f.bind('category')}
                  >
                    <option value="">{t('apply.chooseCategory')}</option>
                    {props.categories.map((c) => (
                      <option key={c} value={c}>
                        {t(`privilegeCategory.${c}`, { defaultValue: c })}
                      </option>
                    ))}
                  </select>
                  {f.errors.category && (
                    <p className="field-error" id="category-error">
                      {describeField(t, 'category', f.errors.category)}
                    </p>
                  )}
                </div>
                <div className={f.errors.file ? 'field field-invalid' : 'field'}>
                  <label htmlFor="document">{t('apply.document')}</label>
                  <p className="hint" id="document-hint">
                    {t('apply.documentHint', { size: formatBytes(MAX_DOCUMENT_BYTES, lang) })}
                  </p>
                  <input
                    id="document"
                    name="file"
                    type="file"
                    accept="application/pdf,image/jpeg,.pdf,.jpg,.jpeg"
                    aria-invalid={f.errors.file ? true : undefined}
                    aria-describedby={
                      f.errors.file ? 'document-hint document-error' : 'document-hint'
                    }
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  />
                  {f.errors.file && (
                    <p className="field-error" id="document-error">
                      {describeField(t, 'file', f.errors.file)}
                    </p>
                  )}
                </div>
              </>
            )}
          </fieldset>
        )}
        {stage === 2 && (
          <Field
            label={t('apply.actualAddress')}
            hint={t('apply.actualAddressHint')}
            autoComplete="street-address"
            error={describeField(t, 'actualAddress', f.errors.actualAddress)}
            {...f.bind('actualAddress')}
          />
        )}
        <button type="submit" disabled={f.submitting}>
          {t('apply.submit')}
        </button>
      </form>
    </Page>
  );
}
