namespace Pathway.Tests.Infrastructure;

/// <summary>
/// A clock a test moves by hand, for the application's <see cref="TimeProvider"/>. It starts at the real time, so a
/// code from an authenticator (computed from the real time) still matches until the test moves it on.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
    }
}
