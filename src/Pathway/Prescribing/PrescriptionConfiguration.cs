using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Prescribing;

public class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> prescription)
    {
        prescription.Property(p => p.Source).HasMaxLength(40);
        prescription.Property(p => p.PrescriptionRef).HasMaxLength(40);
        // The codes convention allows 40 characters; buprenorphine_prolonged_release_injection has 41.
        prescription.Property(p => p.Medicine).HasMaxLength(50);
        prescription.Property(p => p.DoseMg).HasPrecision(4, 1);
        prescription.Property(p => p.PharmacyOdsCode).HasMaxLength(5);
        prescription.HasIndex(p => new { p.Source, p.PrescriptionRef }).IsUnique();
        // A loaded row (whose bundle has no such column) is dispensed daily.
        prescription.Property(p => p.InstalmentDaysPerWeek).HasDefaultValue(7).HasSentinel(0);
        prescription.Property(p => p.Reason).HasMaxLength(500);
        prescription.Property(p => p.PrescriberId).HasMaxLength(450);
        prescription.Property(p => p.PrescriberName).HasMaxLength(200);
        prescription.HasOne(p => p.Episode).WithMany(e => e.Prescriptions).OnDelete(DeleteBehavior.Cascade);
        // The opiate completion's medication-free test looks up an exit episode's prescriptions (Indicators/Journeys.cs).
        prescription.HasIndex(p => new { p.EpisodeId, p.StartDate });
        // A pharmacy's dose list (to come) reads its own prescriptions.
        prescription.HasIndex(p => p.PharmacyOdsCode);
    }
}
