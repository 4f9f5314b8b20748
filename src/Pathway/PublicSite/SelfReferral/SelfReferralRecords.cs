using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pathway.Episodes;

namespace Pathway.PublicSite.SelfReferral;

/// <summary>
/// A self-referral form in progress: the answers so far, keyed by the hash of a random token held only in the
/// person's HttpOnly cookie. Deleted when sent, and any older than an hour is deleted when a new one starts.
/// </summary>
public class SelfReferralDraft
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The answers as JSON: a draft's shape follows the form, and nothing queries inside it.</summary>
    public required string Answers { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// What an online self-referral adds to its episode: the public reference, how to contact the person safely,
/// and, when they came from the alcohol check, their score.
/// </summary>
public class OnlineSelfReferral
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    /// <summary>What the person is told: random, so it says nothing about how many others referred themselves.</summary>
    public required string Reference { get; set; }
    /// <summary>Hash of the form's token: a second send of the same form finds this row instead of making a second referral.</summary>
    public required string SubmissionHash { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string HelpWith { get; set; }
    public string? MoreDetail { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public required string ContactBy { get; set; }
    public bool VoicemailOk { get; set; }
    public bool TextOk { get; set; }
    public string? SafeTimes { get; set; }
    public string? SafeContactNote { get; set; }
    public bool FromAlcoholCheck { get; set; }
    public int? AuditCScore { get; set; }
    public int? AuditScore { get; set; }

    /// <summary>The line staff must read before they call, text or email: shown prominently in the queue and on the case.</summary>
    public string SafeContactSummary()
    {
        var parts = new List<string> { $"Contact by {ContactBy.ToLowerInvariant()}" };
        if (Phone is not null) parts.Add(VoicemailOk ? "voicemail is OK" : "do not leave voicemail");
        if (Phone is not null) parts.Add(TextOk ? "texts are OK" : "do not send texts");
        if (SafeTimes is not null) parts.Add($"best times: {SafeTimes}");
        if (SafeContactNote is not null) parts.Add(SafeContactNote);
        return string.Join("; ", parts);
    }
}

/// <summary>Anonymous: how many alcohol self-checks were completed on a day. No answers, no address, no person.</summary>
public class AlcoholCheckCount
{
    public DateOnly Date { get; set; }
    public int Completed { get; set; }
}

public class SelfReferralDraftConfiguration : IEntityTypeConfiguration<SelfReferralDraft>
{
    public void Configure(EntityTypeBuilder<SelfReferralDraft> draft)
    {
        draft.Property(d => d.TokenHash).HasMaxLength(64);
        draft.HasIndex(d => d.TokenHash).IsUnique();
        draft.Property(d => d.Answers).HasMaxLength(8000);
        // Stored as a number, so SQLite can compare it too (it cannot compare DateTimeOffset text).
        draft.Property(d => d.ExpiresAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        draft.HasIndex(d => d.ExpiresAt);
    }
}

public class OnlineSelfReferralConfiguration : IEntityTypeConfiguration<OnlineSelfReferral>
{
    public void Configure(EntityTypeBuilder<OnlineSelfReferral> referral)
    {
        referral.Property(r => r.Reference).HasMaxLength(12);
        referral.HasIndex(r => r.Reference).IsUnique();
        referral.Property(r => r.SubmissionHash).HasMaxLength(64);
        referral.HasIndex(r => r.SubmissionHash).IsUnique();
        referral.HasIndex(r => r.EpisodeId).IsUnique();
        referral.HasOne(r => r.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        referral.Property(r => r.HelpWith).HasMaxLength(40);
        referral.Property(r => r.MoreDetail).HasMaxLength(SelfReferralAnswers.LongText);
        referral.Property(r => r.Phone).HasMaxLength(SelfReferralAnswers.PhoneLength);
        referral.Property(r => r.Email).HasMaxLength(SelfReferralAnswers.EmailLength);
        referral.Property(r => r.ContactBy).HasMaxLength(20);
        referral.Property(r => r.SafeTimes).HasMaxLength(SelfReferralAnswers.ShortText);
        referral.Property(r => r.SafeContactNote).HasMaxLength(SelfReferralAnswers.LongText);
        referral.HasIndex(r => r.SubmittedAt);
    }
}

public class AlcoholCheckCountConfiguration : IEntityTypeConfiguration<AlcoholCheckCount>
{
    public void Configure(EntityTypeBuilder<AlcoholCheckCount> count) => count.HasKey(c => c.Date);
}
