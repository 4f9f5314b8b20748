using System.Net;

namespace Pathway.Access;

/// <summary>Not yet written: the test of the progressive delay comes first.</summary>
public class SignInThrottle(TimeProvider time)
{
    public TimeSpan DelayFor(string account, IPAddress? address) => TimeSpan.Zero;

    protected virtual Task WaitAsync(TimeSpan delay, CancellationToken cancel) => Task.Delay(delay, time, cancel);
}
