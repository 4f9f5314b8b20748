using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Casework.Notes;

/// <summary>A case note as a page shows it, with the contact it is about.</summary>
public sealed record CaseNoteView(DateOnly Date, CaseNoteKind Kind, string Text, string AuthorName, DateTimeOffset WrittenAt,
    DateOnly? ContactDate, ContactKind? ContactKind, ContactChannel? ContactChannel);

/// <summary>Reading an episode's notes, newest first: the case page and the notes page ask the same question here.</summary>
public static class CaseNotes
{
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
