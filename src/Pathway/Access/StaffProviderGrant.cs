using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Access;

/// <summary>
/// A further provider whose records a data officer loads and exports, beside their own <see cref="StaffUser.ProviderCode"/>:
/// for a deployment the commissioner owns, where one data officer serves several providers. Set with `pathway grant`.
/// </summary>
public class StaffProviderGrant
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string ProviderCode { get; set; }
}

public class StaffProviderGrantConfiguration : IEntityTypeConfiguration<StaffProviderGrant>
{
    public void Configure(EntityTypeBuilder<StaffProviderGrant> grant)
    {
        grant.Property(g => g.ProviderCode).HasMaxLength(20);
        grant.HasOne<StaffUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasIndex(g => new { g.UserId, g.ProviderCode }).IsUnique();
    }
}
