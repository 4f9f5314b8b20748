using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pathway.Data;

namespace Pathway.Access;

/// <summary>
/// A signed-in session, held on the server. The cookie carries only a random key, so deleting this row ends the
/// session at the very next request, wherever the cookie has been copied to (ASVS V3.3, V7).
/// </summary>
public class SignInSession
{
    /// <summary>SHA-256 of the key in the cookie: a copy of the database alone cannot be turned into a live session.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>When the session ends unless a request renews it (the sliding inactivity limit).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The authentication ticket: the user's claims and the session's properties (sign-in time among them).</summary>
    public required byte[] Ticket { get; set; }
}

public class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.UserId).HasMaxLength(450);
        session.HasIndex(s => s.UserId);
        // Stored as a number, so SQLite can compare it too (it cannot compare DateTimeOffset text).
        session.Property(s => s.ExpiresAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        session.HasIndex(s => s.ExpiresAt);
    }
}

/// <summary>The cookie handler's session store: tickets live in <see cref="PathwayDb"/>, keyed by a random key.</summary>
public sealed class SignInSessions(IServiceScopeFactory scopes, TimeProvider time) : ITicketStore
{
    /// <summary>Ends every session of one user at once: disabling an account, "end sessions", a new password.</summary>
    public static Task<int> EndAllAsync(PathwayDb db, string userId, CancellationToken cancel = default) =>
        db.SignInSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancel);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancel)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        var now = time.GetUtcNow();
        // Sessions that ran out are of no use to anyone: clear them whenever a new one starts.
        await db.SignInSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancel);
        db.SignInSessions.Add(new SignInSession
        {
            Id = Hash(key), UserId = UserIdOf(ticket), ExpiresAt = ExpiresAt(ticket), Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await db.SaveChangesAsync(cancel);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        var id = Hash(key);
        var expires = ExpiresAt(ticket);
        var serialized = TicketSerializer.Default.Serialize(ticket);
        // An update only: a session ended meanwhile (by sign-out or an administrator) stays ended.
        try
        {
            await db.SignInSessions.Where(s => s.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.Ticket, serialized), cancel);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            // Renewal runs as the response starts, where a failure would abort the response with no page at all. Not
            // renewing only keeps the session's present expiry; the next request renews it once the database is back.
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        var id = Hash(key);
        var now = time.GetUtcNow();
        var ticket = await db.SignInSessions.AsNoTracking().Where(s => s.Id == id && s.ExpiresAt > now)
            .Select(s => s.Ticket).SingleOrDefaultAsync(cancel);
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    /// <summary>
    /// The page explaining that the database is unavailable is shown as to someone signed out, since the session lives in
    /// that database; the cookie is kept, so the session goes on once the database is back.
    /// </summary>
    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext context, CancellationToken cancel) =>
        Web.DatabaseOutage.IsUnavailableErrorPage(context) ? Task.FromResult<AuthenticationTicket?>(null) : RetrieveAsync(key, cancel);

    public async Task RemoveAsync(string key, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PathwayDb>();
        var id = Hash(key);
        await db.SignInSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancel);
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);
    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);
    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a signed-in user.");

    // The cookie handler sets ExpiresUtc on every ticket (issued time plus the inactivity limit); the fallback is that limit.
    private DateTimeOffset ExpiresAt(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc ?? time.GetUtcNow() + SignIn.InactivityLimit;

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
