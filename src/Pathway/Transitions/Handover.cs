using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.Transitions;

/// <summary>
/// An authorised handover of care: while it exists, the incoming provider's data officers may download the outgoing
/// provider's transition cohort (<see cref="TransitionCheck.Cohort"/>) and check the transition between them. Nothing
/// of one provider reaches another without one. Authorised and withdrawn with `pathway handover`, both audited.
/// </summary>
public class Handover
{
    public int Id { get; set; }
    public required string FromProvider { get; set; }
    public required string ToProvider { get; set; }
    /// <summary>The transition date: the cohort is whoever was open at the outgoing provider then.</summary>
    public DateOnly Date { get; set; }
    public required string AuthorisedBy { get; set; }
    public DateTimeOffset AuthorisedAt { get; set; }
}

public class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> handover)
    {
        handover.Property(h => h.FromProvider).HasMaxLength(20);
        handover.Property(h => h.ToProvider).HasMaxLength(20);
        handover.Property(h => h.AuthorisedBy).HasMaxLength(256);
        // One handover between two providers: authorising again moves its date.
        handover.HasIndex(h => new { h.FromProvider, h.ToProvider }).IsUnique();
    }
}
