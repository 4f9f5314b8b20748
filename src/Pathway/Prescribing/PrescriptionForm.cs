using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Prescribing;

/// <summary>
/// An issued controlled-drug instalment prescription form (FP10MDA-style): the pre-printed pad's serial number, the days it
/// supplies (at most 14), who issued it and when. Every form the service issues is accounted for by its serial.
/// </summary>
public class PrescriptionForm
{
    public int Id { get; set; }
    public int PrescriptionId { get; set; }
    public Prescription Prescription { get; set; } = null!;
    public required string SerialNumber { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string IssuedById { get; set; }
    public required string IssuedByName { get; set; }
}

public class PrescriptionFormConfiguration : IEntityTypeConfiguration<PrescriptionForm>
{
    public void Configure(EntityTypeBuilder<PrescriptionForm> form)
    {
        form.Property(f => f.SerialNumber).HasMaxLength(20);
        form.Property(f => f.IssuedById).HasMaxLength(450);
        form.Property(f => f.IssuedByName).HasMaxLength(200);
        form.HasOne(f => f.Prescription).WithMany(p => p.Forms).OnDelete(DeleteBehavior.Cascade);
        // A serial is issued once, across the whole service: a second use is refused (PrescriptionRules.SerialInUse).
        form.HasIndex(f => f.SerialNumber).IsUnique();
    }
}
