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
