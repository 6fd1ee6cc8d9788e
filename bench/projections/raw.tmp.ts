import { rawOrderedRead } from './measure';
for (let i = 0; i < 3; i++) { const c0 = process.cpuUsage(); const r = rawOrderedRead(process.argv[2]!); const cu = process.cpuUsage(c0); console.log('raw', r.events, 'cpu', Math.round((cu.user + cu.system) / 1000), 'wall', Math.round(r.seconds * 1000)); }
