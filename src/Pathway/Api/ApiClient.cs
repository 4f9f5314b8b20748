using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Api;

/// <summary>
/// A client system registered for the HTTP API: it acts for one provider or one council, as a data officer acts for a
/// provider and a commissioner for a council, and only with the scopes it was given. The secret is kept as a hash; the
/// stamp changes when the secret is rotated, so tokens issued under the old secret stop working too.
/// </summary>
public class ApiClient
{
    public int Id { get; set; }
    /// <summary>The public identifier a client sends as <c>client_id</c>.</summary>
    public required string ClientId { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the secret (see docs/decisions/006-api-clients-and-tokens.md for why not a slow hash).</summary>
    public required byte[] SecretHash { get; set; }
    /// <summary>Scopes separated by spaces, as OAuth writes them.</summary>
    public required string Scopes { get; set; }
    public string? ProviderCode { get; set; }
    public string? LocalAuthorityCode { get; set; }
    public int SecretStamp { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool Revoked => RevokedAt is not null;
}

public class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> client)
    {
        client.Property(c => c.ClientId).HasMaxLength(40);
        client.Property(c => c.Name).HasMaxLength(100);
        client.Property(c => c.SecretHash).HasMaxLength(32);
        client.Property(c => c.Scopes).HasMaxLength(200);
        client.Property(c => c.ProviderCode).HasMaxLength(20);
        client.Property(c => c.LocalAuthorityCode).HasMaxLength(9);
        client.Ignore(c => c.ScopeList);
        client.Ignore(c => c.Revoked);
        client.HasIndex(c => c.ClientId).IsUnique();
    }
}

/// <summary>The scopes of the HTTP API (cli.md), one policy each.</summary>
public static class ApiScopes
{
    public const string IndicatorsRead = "indicators:read";
    public const string BundlesWrite = "bundles:write";
    public const string BundlesRead = "bundles:read";
    public const string ReferralsWrite = "referrals:write";
    public const string RecordsRead = "records:read";

    public static readonly IReadOnlyList<string> All = [IndicatorsRead, BundlesWrite, BundlesRead, ReferralsWrite, RecordsRead];

    /// <summary>The authorization policy demanding a bearer token with this scope.</summary>
    public static string Policy(string scope) => "api:" + scope;

    public static string Describe(string scope) => scope switch
    {
        IndicatorsRead => "Read the indicators (counts only)",
        BundlesWrite => "Load exchange bundles",
        BundlesRead => "Export exchange bundles",
        ReferralsWrite => "Send referrals (FHIR transaction Bundle at POST /fhir)",
        RecordsRead => "Read the provider's client records (FHIR at /fhir)",
        _ => scope,
    };
}
