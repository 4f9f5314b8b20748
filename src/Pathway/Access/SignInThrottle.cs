using System.Collections.Concurrent;
using System.Net;

namespace Pathway.Access;

/// <summary>
/// Slows sign-in attempts after wrong passwords, per account and per client address, instead of locking the account:
/// a lockout lets anyone who knows a colleague's email lock them out, while a delay only slows a guesser down (and
/// the right password still works once the wait is over). The counts are kept in memory: a restart forgets them, and
/// each instance behind a load balancer keeps its own.
/// </summary>
public class SignInThrottle(TimeProvider time)
{
    /// <summary>Failures are forgotten this long after the last one.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    // A person mistypes a few times; an office behind one address mistypes more often than one person.
    private const int FreePerAccount = 3;
    private const int FreePerAddress = 10;
    // An attacker can make up any number of email addresses: beyond this many entries, forgotten ones are cleared.
    private const int Remembered = 10_000;

    private readonly ConcurrentDictionary<string, Failures> failures = new();

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>Holds the attempt back by the delay its account's and address's recent failures have earned.</summary>
    public Task WaitBeforeAttemptAsync(string account, IPAddress? address, CancellationToken cancel) =>
        WaitAsync(DelayFor(account, address), cancel);

    /// <summary>Doubles with each failure past the free ones: 1 s, 2 s, 4 s … up to <see cref="LongestDelay"/>.</summary>
    public TimeSpan DelayFor(string account, IPAddress? address)
    {
        var byAccount = Delay(CountOf(AccountKey(account)), FreePerAccount);
        var byAddress = Delay(CountOf(AddressKey(address)), FreePerAddress);
        return byAccount > byAddress ? byAccount : byAddress;
    }

    public void Failed(string account, IPAddress? address)
    {
        var now = time.GetUtcNow();
        foreach (var key in new[] { AccountKey(account), AddressKey(address) })
            failures.AddOrUpdate(key, _ => new Failures(1, now),
                (_, before) => new Failures(now - before.Last > Memory ? 1 : before.Count + 1, now));
        if (failures.Count > Remembered)
            foreach (var (key, entry) in failures)
                if (now - entry.Last > Memory) failures.TryRemove(key, out _);
    }

    /// <summary>The right password clears the account's count; the address's stays, so one's own account cannot reset it.</summary>
    public void Succeeded(string account) => failures.TryRemove(AccountKey(account), out _);

    protected virtual Task WaitAsync(TimeSpan delay, CancellationToken cancel) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, cancel) : Task.CompletedTask;

    private int CountOf(string key) =>
        failures.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.Last <= Memory ? entry.Count : 0;

    private static TimeSpan Delay(int failures, int free) =>
        failures <= free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(LongestDelay.TotalSeconds, Math.Pow(2, failures - free - 1)));

    private static string AccountKey(string account)
    {
        var normal = account.Trim().ToUpperInvariant();
        return "account " + (normal.Length > 256 ? normal[..256] : normal);
    }
    private static string AddressKey(IPAddress? address) => "address " + (address?.ToString() ?? "unknown");
}
