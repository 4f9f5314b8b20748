using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Casework.Notes;

/// <summary>A case note as a page shows it, with the contact it is about.</summary>
public sealed record CaseNoteView(DateOnly Date, CaseNoteKind Kind, string Text, string AuthorName, DateTimeOffset WrittenAt,
    DateOnly? ContactDate, ContactKind? ContactKind, ContactChannel? ContactChannel);

/// <summary>A case note as the worker writes it, optionally about one of the case's recorded contacts.</summary>
public sealed record CaseNoteInput(DateOnly? Date, CaseNoteKind? Kind, string? Text, int? ContactId = null);

/// <summary>
/// Reading an episode's notes, newest first (the case page and the notes page ask the same question here), and adding one:
/// the action the page and the API call.
/// </summary>
public static class CaseNotes
{
    public static async Task<CaseOutcome> AddAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        CaseNoteInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        // A contact must be one of this case's own: any other id is treated as not found, like a record outside the scope.
        if (input.ContactId is { } contact && !await db.Contacts.AnyAsync(c => c.Id == contact && c.EpisodeId == episode.Id, cancel))
            return new CaseOutcome.NotFound();
        var text = input.Text is null ? null : CaseNoteRules.Normalise(input.Text);
        var messages = new FieldMessages();
        messages.Required(nameof(input.Date), input.Date, "Enter the date the note is about");
        messages.Required(nameof(input.Kind), input.Kind, "Select what kind of note this is");
        messages.Required(nameof(input.Text), text, "Enter the note");
        if (input.Date is { } day) messages.Rule(nameof(input.Date), "Date", CaseAction.HappenedInJourney(day, db.Time().Today(), episode));
        if (!string.IsNullOrEmpty(text)) messages.Rule(nameof(input.Text), "Note", CaseNoteRules.Length(text));
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var note = new CaseNote
        {
            Episode = episode, Date = input.Date!.Value, Kind = input.Kind!.Value, Text = text!, ContactId = input.ContactId,
            AuthorId = who.Id, AuthorName = who.Name, WrittenAt = db.Time().GetUtcNow(),
        };
        db.CaseNotes.Add(note);
        return await CaseAction.SaveAsync(db, episode, version, who, () => note.Id, cancel);
    }

    /// <param name="containing">Words the note must contain, in any case; null or blank for every note.</param>
    public static Task<List<CaseNoteView>> OfEpisodeAsync(PathwayDb db, int episodeId, string? containing, int? take, CancellationToken cancel)
    {
        var notes = db.CaseNotes.AsNoTracking().Where(n => n.EpisodeId == episodeId);
        if (!string.IsNullOrWhiteSpace(containing))
        {
            var words = containing.Trim().ToLowerInvariant();
            notes = notes.Where(n => n.Text.ToLower().Contains(words));
        }
        var newestFirst = notes.OrderByDescending(n => n.Date).ThenByDescending(n => n.Id);
        return (take is { } t ? newestFirst.Take(t) : newestFirst)
            .Select(n => new CaseNoteView(n.Date, n.Kind, n.Text, n.AuthorName, n.WrittenAt,
                n.Contact == null ? null : n.Contact.Date, n.Contact == null ? null : n.Contact.Kind, n.Contact == null ? null : n.Contact.Channel))
            .ToListAsync(cancel);
    }

    public static Task<int> CountAsync(PathwayDb db, int episodeId, CancellationToken cancel) =>
        db.CaseNotes.CountAsync(n => n.EpisodeId == episodeId, cancel);
}
