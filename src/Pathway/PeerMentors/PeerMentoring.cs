using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.PeerMentors;

/// <summary>A peer mentor supporting a client during an episode. The mentor sees first name, appointments and goals only.</summary>
public class PeerMentoring
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public required string MentorId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
}

public class PeerMentoringConfiguration : IEntityTypeConfiguration<PeerMentoring>
{
    public void Configure(EntityTypeBuilder<PeerMentoring> mentoring)
    {
        mentoring.Property(m => m.MentorId).HasMaxLength(450);
        mentoring.HasOne(m => m.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        mentoring.HasIndex(m => new { m.MentorId, m.Until });
        mentoring.HasIndex(m => m.EpisodeId);
    }
}
