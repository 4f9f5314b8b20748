using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.PublicSite;

public sealed record ServiceFor(string District, string LocalAuthorityCode, string LocalAuthorityName, string ProviderCode);

/// <summary>
/// Where a member of the public's help comes from: postcode district → council (the PostcodeDistrict table)
/// → the provider whose contract with that council is in force today. The one place this rule lives.
/// </summary>
public static partial class ServiceArea
{
    /// <summary>The district of a full postcode ("sk1 1aa" → "SK1") or of a district typed alone; null if it is neither.</summary>
    public static string? DistrictOf(string? postcode)
    {
        var compact = (postcode ?? "").Replace(" ", "").ToUpperInvariant();
        if (FullPostcode().IsMatch(compact)) return compact[..^3];
        return District().IsMatch(compact) ? compact : null;
    }

    public static async Task<ServiceFor?> FindAsync(PathwayDb db, string district, DateOnly today, CancellationToken cancel)
    {
        var area = await db.PostcodeDistricts.AsNoTracking().Where(d => d.District == district)
            .Join(db.LocalAuthorities, d => d.LocalAuthorityCode, l => l.Code, (d, l) => new { l.Code, l.Name })
            .SingleOrDefaultAsync(cancel);
        if (area is null) return null;
        // A council may have overlapping contracts during a hand-over: the newest one in force takes new referrals.
        var provider = await db.Contracts.AsNoTracking()
            .Where(c => c.LocalAuthorityCode == area.Code && c.StartDate <= today && c.EndDate >= today)
            .OrderByDescending(c => c.StartDate).Select(c => c.ProviderCode).FirstOrDefaultAsync(cancel);
        return provider is null ? null : new ServiceFor(district, area.Code, area.Name, provider);
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$")]
    private static partial Regex FullPostcode();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex District();
}
