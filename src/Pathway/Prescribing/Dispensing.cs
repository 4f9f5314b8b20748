using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Prescribing;

public enum DoseOutcome { Collected, Missed }

/// <summary>One day's dose of a prescription as the pharmacy recorded it: collected or missed.</summary>
public class DoseRecord
{
    public int Id { get; set; }
    public int PrescriptionId { get; set; }
    public Prescription Prescription { get; set; } = null!;
    public DateOnly Date { get; set; }
    public DoseOutcome Outcome { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A prescriber's review after a missed-dose stop: dispensing may restart. Misses recorded before it no longer count
/// towards a stop (<see cref="DispensingRules.IsStopped"/>).
/// </summary>
public class DispensingReview
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateTimeOffset At { get; set; }
    public required string ReviewedById { get; set; }
    public required string ReviewedByName { get; set; }
}

public class DoseRecordConfiguration : IEntityTypeConfiguration<DoseRecord>
{
    public void Configure(EntityTypeBuilder<DoseRecord> dose)
    {
        dose.Property(d => d.RecordedById).HasMaxLength(450);
        dose.Property(d => d.RecordedByName).HasMaxLength(200);
        dose.HasOne(d => d.Prescription).WithMany(p => p.Doses).OnDelete(DeleteBehavior.Cascade);
        // One outcome a dose a day: a correction replaces it.
        dose.HasIndex(d => new { d.PrescriptionId, d.Date }).IsUnique();
    }
}

public class DispensingReviewConfiguration : IEntityTypeConfiguration<DispensingReview>
{
    public void Configure(EntityTypeBuilder<DispensingReview> review)
    {
        review.Property(r => r.ReviewedById).HasMaxLength(450);
        review.Property(r => r.ReviewedByName).HasMaxLength(200);
        review.HasOne(r => r.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        review.HasIndex(r => new { r.EpisodeId, r.At });
    }
}
