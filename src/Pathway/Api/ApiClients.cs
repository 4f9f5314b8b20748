using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.Api;

public sealed record NewApiClient(string? Name, string? Scopes, string? ProviderCode, string? LocalAuthorityCode);

public abstract record ApiClientOutcome
{
    /// <summary>Registered (or given a new secret): the secret is in this outcome only, never stored.</summary>
    public sealed record Issued(ApiClient Client, string Secret) : ApiClientOutcome;
    public sealed record Invalid(IReadOnlyList<(string Field, string Message)> Messages) : ApiClientOutcome;
    public sealed record NotFound : ApiClientOutcome;
}

/// <summary>
/// Registering, rotating and revoking API clients: the one implementation behind `pathway api-clients add` and the
/// administrators' page. Secrets are 256 random bits, shown once and kept as a SHA-256 hash.
/// </summary>
public static class ApiClients
{
    public const int MaxNameLength = 100;

    public static async Task<ApiClientOutcome> AddAsync(PathwayDb db, NewApiClient input, TimeProvider time, CancellationToken cancel)
    {
        var problems = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) problems.Add((nameof(input.Name), "Enter the client system's name"));
        else if (name.Length > MaxNameLength) problems.Add((nameof(input.Name), $"The name must be {MaxNameLength} characters or fewer"));
        var scopes = (input.Scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (scopes.Count == 0) problems.Add((nameof(input.Scopes), $"Choose at least one scope: {string.Join(", ", ApiScopes.All)}"));
        foreach (var unknown in scopes.Where(s => !ApiScopes.All.Contains(s)))
            problems.Add((nameof(input.Scopes), $"{unknown} is not a scope; the scopes are {string.Join(", ", ApiScopes.All)}"));
        var provider = Blank(input.ProviderCode);
        var council = Blank(input.LocalAuthorityCode);
        // One organisation, exactly: a client for "everyone" would see beyond any person's scope.
        if ((provider is null) == (council is null))
            problems.Add((nameof(input.ProviderCode), "Give the provider or the council the client acts for, one of them"));
        else if (provider is not null && !await db.Providers.AnyAsync(p => p.Code == provider, cancel))
            problems.Add((nameof(input.ProviderCode), $"No provider has the code {provider}"));
        else if (council is not null && !await db.LocalAuthorities.AnyAsync(l => l.Code == council, cancel))
            problems.Add((nameof(input.LocalAuthorityCode), $"No council has the code {council}"));
        // A council's client sees counts only, as a commissioner does: never client records or bundles.
        if (council is not null && provider is null)
            foreach (var recordScope in scopes.Where(s => s is ApiScopes.BundlesRead or ApiScopes.BundlesWrite or ApiScopes.RecordsRead))
                problems.Add((nameof(input.Scopes), $"{recordScope} needs a provider: a council's client reads counts only"));
        if (problems.Count > 0) return new ApiClientOutcome.Invalid(problems);

        var secret = NewSecret();
        var client = new ApiClient
        {
            ClientId = "pathway-" + RandomNumberGenerator.GetHexString(16, lowercase: true),
            Name = name,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            ProviderCode = provider,
            LocalAuthorityCode = council,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancel);
        return new ApiClientOutcome.Issued(client, secret);
    }

    /// <summary>A new secret; the old one, and every token issued under it, stops working at once.</summary>
    public static async Task<ApiClientOutcome> RotateAsync(PathwayDb db, int id, CancellationToken cancel)
    {
        if (await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancel) is not { } client)
            return new ApiClientOutcome.NotFound();
        var secret = NewSecret();
        client.SecretHash = Hash(secret);
        client.SecretStamp++;
        await db.SaveChangesAsync(cancel);
        return new ApiClientOutcome.Issued(client, secret);
    }

    /// <summary>Revoked for good: no new tokens, and tokens already issued are refused at their next use.</summary>
    public static async Task<bool> RevokeAsync(PathwayDb db, int id, TimeProvider time, CancellationToken cancel)
    {
        if (await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancel) is not { } client) return false;
        client.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancel);
        return true;
    }

    /// <summary>The active client with this id and secret, or null; the comparison takes the same time whatever the secret.</summary>
    public static async Task<ApiClient?> AuthenticateAsync(PathwayDb db, string? clientId, string? secret, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || clientId.Length > 40) return null;
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAt == null, cancel);
        return client is not null && CryptographicOperations.FixedTimeEquals(client.SecretHash, Hash(secret)) ? client : null;
    }

    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    // The secret is 256 random bits, which no one guesses however fast the hash; a slow password hash would only hand
    // an attacker a CPU lever on /connect/token.
    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
