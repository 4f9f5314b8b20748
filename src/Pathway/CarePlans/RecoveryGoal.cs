using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.CarePlans;

public enum GoalStatus { NotStarted, InProgress, Achieved, NoLongerAGoal }

/// <summary>A recovery goal of the care plan, in the client's words.</summary>
public class RecoveryGoal
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public required string Description { get; set; }
    public GoalStatus Status { get; set; }
    public DateOnly SetOn { get; set; }
}

public class RecoveryGoalConfiguration : IEntityTypeConfiguration<RecoveryGoal>
{
    public void Configure(EntityTypeBuilder<RecoveryGoal> goal)
    {
        goal.Property(g => g.Description).HasMaxLength(500);
        goal.HasOne(g => g.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        goal.HasIndex(g => g.EpisodeId);
    }
}
