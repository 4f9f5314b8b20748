using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.PeerMentors;

public enum PeerSupportType { OneToOne, PhoneCall, Message, AccompaniedToAppointment, MutualAidMeeting }

/// <summary>A peer mentor's contact with a mentee: when, what kind, how long, and a short note. Seen by the key worker on the case.</summary>
public class PeerSupportContact
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public PeerSupportType Type { get; set; }
    public int Minutes { get; set; }
    public string? Note { get; set; }
    public required string MentorId { get; set; }
    public required string MentorName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A concern a peer mentor raises with the client's key worker. It stays on the key worker's caseload and home page until
/// the key worker marks it seen; who saw it and when stays with it.
/// </summary>
public class PeerConcern
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public required string Reason { get; set; }
    public required string RaisedById { get; set; }
    public required string RaisedByName { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? SeenAt { get; set; }
    public string? SeenById { get; set; }
    public string? SeenByName { get; set; }
}

/// <summary>The rules of a peer-support contact and a concern, once; the forms phrase them after their labels.</summary>
public static class PeerSupportRules
{
    public const int NoteLength = 500;
    public const int ReasonLength = 1000;
    public const int MaxMinutes = 600;

    public static string? Length(string text, int max) => text.Length > max
        ? string.Create(CultureInfo.InvariantCulture, $"must be {max:N0} characters or fewer (this one has {text.Length:N0})")
        : null;

    public static string? Minutes(int minutes) => minutes is < 1 or > MaxMinutes
        ? string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxMinutes} minutes")
        : null;
}

public class PeerSupportContactConfiguration : IEntityTypeConfiguration<PeerSupportContact>
{
    public void Configure(EntityTypeBuilder<PeerSupportContact> contact)
    {
        contact.Property(c => c.Type).HasConversion<string>().HasMaxLength(40);
        contact.Property(c => c.Note).HasMaxLength(PeerSupportRules.NoteLength);
        contact.Property(c => c.MentorId).HasMaxLength(450);
        contact.Property(c => c.MentorName).HasMaxLength(200);
        contact.HasOne(c => c.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        contact.HasIndex(c => new { c.EpisodeId, c.Date });
    }
}

public class PeerConcernConfiguration : IEntityTypeConfiguration<PeerConcern>
{
    public void Configure(EntityTypeBuilder<PeerConcern> concern)
    {
        concern.Property(c => c.Reason).HasMaxLength(PeerSupportRules.ReasonLength);
        concern.Property(c => c.RaisedById).HasMaxLength(450);
        concern.Property(c => c.RaisedByName).HasMaxLength(200);
        concern.Property(c => c.SeenById).HasMaxLength(450);
        concern.Property(c => c.SeenByName).HasMaxLength(200);
        concern.HasOne(c => c.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        concern.HasIndex(c => new { c.EpisodeId, c.SeenAt });
    }
}
