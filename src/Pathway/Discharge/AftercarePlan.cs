using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Discharge;

/// <summary>What supports someone's recovery after discharge. One per episode, made at discharge.</summary>
public class AftercarePlan
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public bool RecoveryHub { get; set; }
    public bool MutualAid { get; set; }
    public bool EmploymentAndSkills { get; set; }
    public string? Notes { get; set; }
    /// <summary>Why no exit outcome review could be done, when a successful completion has none.</summary>
    public string? NoExitReviewReason { get; set; }
}

public class AftercarePlanConfiguration : IEntityTypeConfiguration<AftercarePlan>
{
    public void Configure(EntityTypeBuilder<AftercarePlan> plan)
    {
        plan.Property(p => p.Notes).HasMaxLength(2000);
        plan.Property(p => p.NoExitReviewReason).HasMaxLength(500);
        plan.HasOne(p => p.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        plan.HasIndex(p => p.EpisodeId).IsUnique();
    }
}
