import type { EnvironmentKind } from '../../shared/domain';
import { defaultOrgColor, ORG_COLOR_PALETTE, orgColorName, SANDBOX_DEFAULT_COLOR, type ColoredOrg } from '../../shared/org-colors';
import { groupsOf } from '../../shared/org-groups';
import { checkLoginUrl } from '../../shared/validation';
import { inputIdOf } from '../lib/orgForm';
import { useOrgList } from '../store/useOrgs';
import { FormGroup, RadioOption } from './FormElement';
import { OrgSwatch } from './OrgSwatch';
import { TextField } from './TextField';

/** The group field, suggesting the groups the other orgs are in. */
export function GroupField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (value: string) => void }) {
  const list = useOrgList();
  return (
    <TextField
      field="group"
      label="Group (optional)"
      value={value}
      error={error}
      hint="A client or project to file the org under; the list shows each group together."
      suggestions={groupsOf(list.orgs)}
      onChange={onChange}
    />
  );
}

export interface ColorFieldProps {
  /** `#rrggbb`, or empty for the environment's default. */
  value: string;
  environment: EnvironmentKind;
  customUrl: string;
  /** Editing: the org's last test, which may have found a My Domain org to be a sandbox. */
  lastTest?: ColoredOrg['lastTest'];
  error: string | undefined;
  onChange: (value: string) => void;
}

/**
 * The org's colour: its environment's default (red for production, grey for a sandbox), or one of
 * the palette's. A colour from elsewhere (the CLI, an import) is offered as it is, so an edit keeps it.
 */
export function ColorField({ value, environment, customUrl, lastTest, error, onChange }: ColorFieldProps) {
  const url = environment === 'custom' ? checkLoginUrl('custom', customUrl) : null;
  const fallback = defaultOrgColor({ environment, loginUrl: url?.ok ? url.value : '', lastTest });
  const sandbox = fallback === SANDBOX_DEFAULT_COLOR;
  const chosenElsewhere = value && !orgColorName(value) ? value : null;
  const option = (id: string, color: string, label: string, detail: string | undefined, optionValue: string) => (
    <RadioOption
      key={id}
      id={id}
      name="color"
      value={optionValue || 'default'}
      checked={value === optionValue}
      invalid={!!error}
      label={
        <span className="ok-color-option">
          <OrgSwatch color={color} />
          {label}
        </span>
      }
      detail={detail}
      onChange={() => onChange(optionValue)}
    />
  );
  return (
    <FormGroup legend="Colour" messageBase="color" field="color" error={error} controlClassName="ok-color-options" hint="Shown beside the org in the list and along the top of its page.">
      {/* The default's radio carries the field's id, where focus goes for a message about the colour. */}
      {option(inputIdOf('color'), fallback, 'Default', sandbox ? 'grey for a sandbox' : 'red for production', '')}
      {ORG_COLOR_PALETTE.map((entry) => option(`color-${entry.name}`, entry.hex, entry.name[0]!.toUpperCase() + entry.name.slice(1), undefined, entry.hex))}
      {chosenElsewhere ? option('color-other', chosenElsewhere, chosenElsewhere, 'as chosen before', chosenElsewhere) : null}
    </FormGroup>
  );
}
