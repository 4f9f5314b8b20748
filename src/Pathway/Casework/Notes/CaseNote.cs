using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Casework.Notes;

public enum CaseNoteKind { Keywork, PhoneCall, MultiAgencyMeeting, Other }

/// <summary>
/// A dated, authored note on a case: what happened and what was agreed. Free text about one client, so it lives only
/// here, in the change history and in the subject-access file: never in the exchange bundle, a log or an address.
/// A note is not edited once saved (a correction is a further note), so what was written and when stays as written.
/// </summary>
public class CaseNote
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    /// <summary>The day of what the note is about, which may be before the day it was written.</summary>
    public DateOnly Date { get; set; }
    public CaseNoteKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>The recorded contact the note is about, when there is one.</summary>
    public int? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>A case note's rules, written once: the form phrases them after its label, the database keeps the same limit.</summary>
public static class CaseNoteRules
{
    public const int MaxLength = 4000;

    /// <summary>Line breaks count once whichever way the browser sent them, so the limit is what the person sees.</summary>
    public static string Normalise(string text) => text.Replace("\r\n", "\n").Trim();

    public static string? Length(string normalised) => normalised.Length > MaxLength
        ? string.Create(CultureInfo.InvariantCulture, $"must be {MaxLength:N0} characters or fewer (this one has {normalised.Length:N0})")
        : null;
}

public class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> note)
    {
        note.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        note.Property(n => n.Text).HasMaxLength(CaseNoteRules.MaxLength);
        note.Property(n => n.AuthorId).HasMaxLength(450);
        note.Property(n => n.AuthorName).HasMaxLength(200);
        note.HasOne(n => n.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        // A contact belongs to the same episode; removing it leaves the note standing, unlinked.
        note.HasOne(n => n.Contact).WithMany().OnDelete(DeleteBehavior.SetNull);
        note.HasIndex(n => new { n.EpisodeId, n.Date });
    }
}
