import { caseTemplates } from './case-templates';
const { mix, refusals } = caseTemplates();
const byType = new Map<string, number[]>();
for (const t of mix) byType.set(t.caseType, [...(byType.get(t.caseType) ?? []), t.events]);
for (const [k, v] of byType) console.log(k, v.length, 'cases, events', Math.min(...v), '-', Math.max(...v));
console.log([...refusals]);
console.log(JSON.parse(mix[0]!.text).map((e: {type: string}) => e.type).join(' '));
