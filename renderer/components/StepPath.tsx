import { Icon } from './Icon';

/**
 * The wizard's progress as an SLDS path: done steps green with a check, the current one marked
 * `aria-current="step"`. It only shows progress; moving between steps is done with Back/Next, so
 * every step is validated on the way.
 */
export function StepPath({ titles, current }: { titles: readonly string[]; current: number }) {
  return (
    <div className="slds-path ok-steps">
      <ol className="slds-path__nav" aria-label="Progress">
        {titles.map((title, index) => {
          const state = index < current ? 'slds-is-complete' : index === current ? 'slds-is-current slds-is-active' : 'slds-is-incomplete';
          return (
            <li key={title} className={`slds-path__item ${state}`} aria-current={index === current ? 'step' : undefined}>
              <span className="slds-path__link">
                <span className="slds-path__title">
                  {index < current ? (
                    <>
                      <Icon name="check" className="slds-icon slds-icon_xx-small ok-steps__check" />
                      <span className="slds-assistive-text">Done: </span>
                    </>
                  ) : null}
                  {title}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
