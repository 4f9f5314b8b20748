using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Organisations;

/// <summary>
/// Which council a postcode district (the part before the space: SK1, BL9, M25) belongs to. Kept as data,
/// not code, so a new area is a row, not a release. The public self-referral uses it to find the service.
/// </summary>
public class PostcodeDistrict
{
    public required string District { get; set; }
    public required string LocalAuthorityCode { get; set; }
}

public class PostcodeDistrictConfiguration : IEntityTypeConfiguration<PostcodeDistrict>
{
    public void Configure(EntityTypeBuilder<PostcodeDistrict> district)
    {
        district.HasKey(d => d.District);
        district.Property(d => d.District).HasMaxLength(4);
        district.Property(d => d.LocalAuthorityCode).HasMaxLength(9);
        district.HasIndex(d => d.LocalAuthorityCode);
    }
}

/// <summary>The council of a postcode district, when this deployment knows it: how a form derives the council from a postcode.</summary>
public static class Councils
{
    public static Task<LocalAuthority?> OfDistrictAsync(Data.PathwayDb db, string district, CancellationToken cancel) =>
        db.PostcodeDistricts.AsNoTracking().Where(d => d.District == district)
            .Join(db.LocalAuthorities, d => d.LocalAuthorityCode, l => l.Code, (d, l) => l)
            .FirstOrDefaultAsync(cancel);

    /// <summary>Every council, by name: what a form offers when the postcode does not say.</summary>
    public static Task<List<LocalAuthority>> ByNameAsync(Data.PathwayDb db, CancellationToken cancel) =>
        db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancel);
}
