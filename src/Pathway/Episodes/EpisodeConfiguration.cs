using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.OutcomeReviews;

namespace Pathway.Episodes;

public class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> episode)
    {
        episode.Property(e => e.Source).HasMaxLength(40);
        episode.Property(e => e.EpisodeRef).HasMaxLength(40);
        episode.Property(e => e.ProviderCode).HasMaxLength(20);
        episode.Property(e => e.KeyWorkerId).HasMaxLength(450);
        episode.Property(e => e.Version).IsConcurrencyToken();
        episode.Ignore(e => e.SubstanceGroup);
        episode.HasIndex(e => new { e.Source, e.EpisodeRef }).IsUnique();
        episode.HasOne(e => e.ClientRecord).WithMany(c => c.Episodes).OnDelete(DeleteBehavior.Cascade);
        episode.HasOne(e => e.Person).WithMany(p => p.Episodes).OnDelete(DeleteBehavior.Restrict);
        // Indicator and caseload queries: per person, by provider and period, and the worker's caseload.
        episode.HasIndex(e => new { e.PersonId, e.TriageDate });
        episode.HasIndex(e => new { e.ProviderCode, e.TriageDate, e.DischargeDate });
        episode.HasIndex(e => e.ReferralDate);
        episode.HasIndex(e => e.DischargeDate);
        episode.HasIndex(e => new { e.KeyWorkerId, e.DischargeDate });
    }
}

public class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> intervention)
    {
        intervention.HasOne(i => i.Episode).WithMany(e => e.Interventions).OnDelete(DeleteBehavior.Cascade);
        intervention.HasIndex(i => new { i.EpisodeId, i.StartDate });
        intervention.HasIndex(i => new { i.Type, i.StartDate });
        // Waiting times start from the period's interventions (Indicators/WaitingTimes.cs).
        intervention.HasIndex(i => new { i.StartDate, i.EpisodeId });
    }
}

public class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.HasOne(c => c.Episode).WithMany(e => e.Contacts).OnDelete(DeleteBehavior.Cascade);
        contact.HasIndex(c => new { c.EpisodeId, c.Date });
        // Covers the access indicators' pass over a period's contacts, so SQLite never reads the table rows.
        contact.HasIndex(c => new { c.Date, c.EpisodeId, c.Channel, c.Attended });
    }
}

public class OutcomeReviewConfiguration : IEntityTypeConfiguration<OutcomeReview>
{
    public void Configure(EntityTypeBuilder<OutcomeReview> review)
    {
        review.HasOne(r => r.Episode).WithMany(e => e.OutcomeReviews).OnDelete(DeleteBehavior.Cascade);
        review.HasIndex(r => new { r.EpisodeId, r.Stage, r.Date });
    }
}
