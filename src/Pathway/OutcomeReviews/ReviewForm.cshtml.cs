using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.OutcomeReviews;

/// <summary>The outcome review form: every field of reviews.csv, with the exchange format's ranges.</summary>
public class ReviewFormModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public ReviewInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(ReviewStage? stage, CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var hasStart = await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == ReviewStage.Start, cancel);
        Input.Date = Today;
        Input.Stage = stage ?? (hasStart ? ReviewStage.Review : ReviewStage.Start);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        // Something that is not a whole number ("2.5", "a few") gets the field's own range, not the binder's words.
        var unreadable = ModelState.Where(e => e.Key.StartsWith($"{nameof(Input)}.", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }
                && !string.IsNullOrWhiteSpace(e.Value.AttemptedValue))
            .Select(e => (e.Key, Message: Reviewing.NotAWholeNumber(e.Key[(nameof(Input).Length + 1)..]))).Where(e => e.Message is not null).ToList();
        foreach (var (field, message) in unreadable)
        {
            ModelState[field]!.Errors.Clear();
            ModelState.AddModelError(field, message!);
        }
        return await ActAsync(mode => Reviewing.RecordAsync(Db, access, Worker, Id, Version, Input, cancel, mode), cancel, nameof(Input));
    }
}
