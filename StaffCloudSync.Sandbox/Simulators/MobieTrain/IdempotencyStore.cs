namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

/// <summary>
/// The first answer to each <c>Idempotency-Key</c> of one account, replayed for 24 hours of the simulator's clock
/// instead of acting again (the contract's "does nothing twice"). Guarded by the account's lock.
/// </summary>
internal sealed class IdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Dictionary<string, (SimulatorResponse Response, DateTimeOffset At)> _answers = new(StringComparer.Ordinal);

    public bool TryReplay(string key, DateTimeOffset now, out SimulatorResponse response)
    {
        if (_answers.TryGetValue(key, out var answer))
        {
            if (now - answer.At < Retention)
            {
                response = answer.Response;
                return true;
            }

            _answers.Remove(key);
        }

        response = SimulatorResponse.NoContent;
        return false;
    }

    public void Remember(string key, SimulatorResponse response, DateTimeOffset now) => _answers[key] = (response, now);
}
