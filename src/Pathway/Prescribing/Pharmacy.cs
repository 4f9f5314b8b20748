using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Prescribing;

/// <summary>A community pharmacy the service's prescriptions may name: the prescriber's list, and a pharmacist's place of work.</summary>
public class Pharmacy
{
    public required string OdsCode { get; set; }
    public required string Name { get; set; }
}

public class PharmacyConfiguration : IEntityTypeConfiguration<Pharmacy>
{
    public void Configure(EntityTypeBuilder<Pharmacy> pharmacy)
    {
        pharmacy.HasKey(p => p.OdsCode);
        pharmacy.Property(p => p.OdsCode).HasMaxLength(5);
        pharmacy.Property(p => p.Name).HasMaxLength(200);
    }
}
