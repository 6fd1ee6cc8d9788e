/**
 * The SafeLives Dash risk checklist (2009 version), one line per question, in the checklist's
 * order; the answers are sent in this order. The number of questions and the scoring cut-offs are
 * policy (policy/da-referral.yaml), not these texts: a version with more questions shows the rest
 * by number until its wording is added here.
 */
export const DASH_2009_QUESTIONS = [
  'Has the current incident resulted in injury?',
  'Is the victim very frightened?',
  'Is the victim afraid of further injury or violence?',
  'Does the victim feel isolated from family or friends?',
  'Is the victim feeling depressed or having suicidal thoughts?',
  'Has the victim separated or tried to separate from the abuser within the past year?',
  'Is there conflict over child contact?',
  'Does the abuser constantly text, call, contact, follow, stalk or harass the victim?',
  'Is the victim pregnant or has she had a baby in the last 18 months?',
  'Is the abuse happening more often?',
  'Is the abuse getting worse?',
  'Does the abuser try to control everything the victim does, or are they excessively jealous?',
  'Has the abuser ever used weapons or objects to hurt the victim?',
  'Has the abuser ever threatened to kill the victim or someone else, and the victim believed them?',
  'Has the abuser ever attempted to strangle, choke, suffocate or drown the victim?',
  'Does the abuser do or say things of a sexual nature that make the victim feel bad or that physically hurt them or someone else?',
  'Is there any other person who has threatened the victim or whom the victim is afraid of?',
  'Does the victim know if the abuser has hurt anyone else?',
  'Has the abuser ever mistreated an animal or the family pet?',
  'Are there any financial issues?',
  'Has the abuser had problems in the past year with drugs, alcohol or mental health, leading to problems in leading a normal life?',
  'Has the abuser ever threatened or attempted suicide?',
  'Has the abuser ever breached bail, an injunction or any formal agreement?',
  'Does the victim know if the abuser has ever been in trouble with the police or has a criminal history?',
];

export const DASH_ANSWERS = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'dont-know', text: "Don't know" },
] as const;

export function dashQuestion(index: number): string {
  return DASH_2009_QUESTIONS[index] ?? `Question ${index + 1}`;
}
