using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Organisations;

public class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthority>
{
    public void Configure(EntityTypeBuilder<LocalAuthority> la)
    {
        la.HasKey(l => l.Code);
        la.Property(l => l.Code).HasMaxLength(9);
        la.Property(l => l.Name).HasMaxLength(200);
    }
}

public class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> provider)
    {
        provider.HasKey(p => p.Code);
        provider.Property(p => p.Code).HasMaxLength(20);
        provider.Property(p => p.Name).HasMaxLength(200);
    }
}

public class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Name).HasMaxLength(200);
        team.Property(t => t.ProviderCode).HasMaxLength(20);
        team.HasOne(t => t.Provider).WithMany().HasForeignKey(t => t.ProviderCode).OnDelete(DeleteBehavior.Restrict);
    }
}
