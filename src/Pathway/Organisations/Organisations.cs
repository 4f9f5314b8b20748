namespace Pathway.Organisations;

/// <summary>A council that commissions services, by its ONS code (E06/E07/E08/E09/E10 + 6 digits).</summary>
public class LocalAuthority
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>An organisation that runs treatment episodes; <c>Code</c> is the exchange format's provider_code.</summary>
public class Provider
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>A team of staff within a provider (a locality team, the young people's team, the recovery hub).</summary>
public class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ProviderCode { get; set; }
    public Provider Provider { get; set; } = null!;
}
