import { HistoryMeter } from '../../bench/HistoryMeter';
import { HistoryEventType } from '../../devhost/historyEvents';
import { recordJson } from '../../devhost/recordJson';

function saved(name: string, events: number, resultChars = 100): string {
  const history = Array.from({ length: events }, (_, i) => ({
    EventType: HistoryEventType.TaskCompleted,
    EventId: -1,
    TaskScheduledId: i,
    IsPlayed: true,
    Timestamp: '2026-12-05T00:00:00.000Z',
    Result: `"${'r'.repeat(resultChars)}"`,
  }));
  return recordJson({ instanceId: `${name}-1`, name, input: { big: 'x'.repeat(1_000) }, history });
}

describe('HistoryMeter', () => {
  it("keeps each instance's largest history by events and bytes, and reports the largest per orchestrator", async () => {
    const meter = new HistoryMeter();
    const big = saved('migrateEstate', 3);
    await meter.save('run', saved('migrateEstate', 2));
    await meter.save('run', big);
    await meter.save('run', saved('migrateEstate', 1));
    await meter.save('lane', saved('hubLane', 1));
    const [estate, lane] = meter.largestByName();
    expect(estate).toEqual({
      instanceId: 'run',
      name: 'migrateEstate',
      events: 3,
      bytes: big.length - big.lastIndexOf('"history":[') - '"history":['.length,
    });
    expect(lane).toMatchObject({ instanceId: 'lane', name: 'hubLane', events: 1 });
    await meter.remove('lane');
    expect(meter.largestByName().map((h) => h.name)).toEqual(['migrateEstate']);
  });

  it('tells the history of most events from the largest by bytes, per orchestrator', async () => {
    const meter = new HistoryMeter();
    const many = saved('migrateVnet', 60);
    // fewer events, each far larger: the largest by bytes
    const heavy = saved('migrateVnet', 2, 20_000);
    await meter.save('spoke', many);
    await meter.save('hub', heavy);
    expect(meter.largestByName().map((h) => [h.instanceId, h.events])).toEqual([['hub', 2]]);
    expect(meter.largestByName('events').map((h) => [h.instanceId, h.events])).toEqual([['spoke', 60]]);
  });
});
