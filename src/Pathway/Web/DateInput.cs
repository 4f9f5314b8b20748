using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Pathway.Web;

/// <summary>Which parts of a date input a message is about.</summary>
[Flags]
public enum DateParts { None = 0, Day = 1, Month = 2, Year = 4, All = Day | Month | Year }

/// <summary>
/// The NHS.UK date input's rules: three boxes (day, month, year) read as one date, with the design system's
/// messages ("Date of birth must include a month", "… must be a real date") and the parts they are about.
/// </summary>
public static class DateInput
{
    public const string Example = "For example, 15 3 1984";

    public sealed record Reading(DateOnly? Date, string? Problem, DateParts Wrong);

    public static Reading Read(string label, string? day, string? month, string? year)
    {
        string?[] given = [day?.Trim(), month?.Trim(), year?.Trim()];
        var missing = (string.IsNullOrEmpty(given[0]) ? DateParts.Day : 0) | (string.IsNullOrEmpty(given[1]) ? DateParts.Month : 0) |
                      (string.IsNullOrEmpty(given[2]) ? DateParts.Year : 0);
        if (missing == DateParts.All) return new(null, null, DateParts.None);
        if (missing != DateParts.None)
        {
            var names = new[] { (DateParts.Day, "day"), (DateParts.Month, "month"), (DateParts.Year, "year") }
                .Where(p => missing.HasFlag(p.Item1)).Select(p => p.Item2).ToList();
            var list = names.Count == 1 ? names[0] : $"{names[0]} and {names[1]}";
            return new(null, $"{label} must include a {list}", missing);
        }
        static int? Number(string? s) =>
            s is { Length: > 0 and <= 4 } && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        int? d = Number(given[0]), m = Number(given[1]), y = Number(given[2]);
        var wrong = (m is >= 1 and <= 12 ? 0 : DateParts.Month) | (y is >= 1000 and <= 9999 ? 0 : DateParts.Year) |
                    (d is >= 1 and <= 31 ? 0 : DateParts.Day);
        if (y is not null && given[2]!.Length != 4) return new(null, $"{label} must include a year with 4 numbers", DateParts.Year);
        if (wrong == DateParts.None && d > DateTime.DaysInMonth(y!.Value, m!.Value)) wrong = DateParts.Day;
        return wrong == DateParts.None
            ? new(new DateOnly(y!.Value, m!.Value, d!.Value), null, DateParts.None)
            : new(null, $"{label} must be a real date", wrong);
    }

    /// <summary>A date's parts as the boxes show them.</summary>
    public static (string Day, string Month, string Year) Parts(DateOnly? date) => date is { } v
        ? (v.Day.ToString(CultureInfo.InvariantCulture), v.Month.ToString(CultureInfo.InvariantCulture), v.Year.ToString(CultureInfo.InvariantCulture))
        : ("", "", "");
}

/// <summary>
/// Binds a <see cref="DateOnly"/> from an NHS.UK date input (<c>Name.Day</c>, <c>Name.Month</c>, <c>Name.Year</c>),
/// phrasing problems with the property's display name; a single value (<c>2026-03-15</c>, from a link or a program)
/// still binds as before.
/// </summary>
public sealed class DateInputBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var name = context.ModelName;
        var label = context.ModelMetadata.DisplayName ?? Words.Of(context.ModelMetadata.PropertyName ?? "Date");
        var nullable = Nullable.GetUnderlyingType(context.ModelType) is not null;
        var parts = new[] { ".Day", ".Month", ".Year" }.Select(p => context.ValueProvider.GetValue(name + p)).ToArray();
        if (parts.All(p => p == ValueProviderResult.None))
        {
            var single = context.ValueProvider.GetValue(name);
            if (single == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(name, single);
            var text = single.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text)) Empty();
            else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) context.Result = ModelBindingResult.Success(iso);
            else context.ModelState.TryAddModelError(name, $"{label} must be a real date");
            return Task.CompletedTask;
        }
        var reading = DateInput.Read(label, parts[0].FirstValue, parts[1].FirstValue, parts[2].FirstValue);
        context.ModelState.SetModelValue(name, string.Join('/', parts.Select(p => p.FirstValue ?? "")), null);
        if (reading.Problem is not null) context.ModelState.TryAddModelError(name, reading.Problem);
        else if (reading.Date is { } date) context.Result = ModelBindingResult.Success(date);
        else Empty();
        return Task.CompletedTask;

        void Empty()
        {
            // An empty optional date is no date; [Required] phrases what to do about an empty required one.
            if (nullable) context.Result = ModelBindingResult.Success(null);
            else context.ModelState.TryAddModelError(name, $"Enter the {label.ToLowerInvariant()}");
        }
    }
}

public sealed class DateInputBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateOnly) ? new DateInputBinder() : null;
}

/// <summary>
/// The NHS.UK date input for a <see cref="DateOnly"/> property: a fieldset with its legend, the hint, the error on
/// the group and the red border on the part that is wrong (every part when the whole date breaks a rule).
/// </summary>
[HtmlTargetElement("nhs-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsDateInputTagHelper : NhsFieldTagHelper
{
    protected override string Anchor => Id + "-day";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var label = Label.Length > 0 ? Label : For.Metadata.DisplayName ?? Words.Of(For.Metadata.PropertyName ?? "Date");
        var hint = Hint ?? DateInput.Example;
        var request = ViewContext.HttpContext.Request;
        (string Day, string Month, string Year) shown;
        var wrong = DateParts.None;
        // What the person typed, from the form posted or the query of a form sent by GET.
        var sent = request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)request.Form : request.Query;
        var typed = sent.Where(p => p.Key.StartsWith(Name + ".", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key[(Name.Length + 1)..], p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (typed.Count > 0)
        {
            shown = (typed.GetValueOrDefault("Day", ""), typed.GetValueOrDefault("Month", ""), typed.GetValueOrDefault("Year", ""));
            wrong = DateInput.Read(label, shown.Day, shown.Month, shown.Year).Wrong;
        }
        else shown = DateInput.Parts(For.Model as DateOnly?);
        if (Error is not null && wrong == DateParts.None) wrong = DateParts.All;

        var describedBy = $"{Id}-hint" + (Error is null ? "" : $" {Id}-error");
        string Item(string part, DateParts flag, string text, string value, int width) =>
            $"<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\">" +
            $"<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{Id}-{part}\">{text}</label>" +
            $"<input class=\"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}{(wrong.HasFlag(flag) ? " nhsuk-input--error" : "")}\" " +
            $"id=\"{Id}-{part}\" name=\"{E(Name)}.{text}\" type=\"text\" inputmode=\"numeric\" value=\"{E(value)}\"></div></div>";
        Group(output,
            $"<fieldset class=\"nhsuk-fieldset\" role=\"group\" aria-describedby=\"{describedBy}\">" +
            $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(label)}</legend>" +
            $"<div class=\"nhsuk-hint\" id=\"{Id}-hint\">{E(hint)}</div>" +
            (Error is null ? "" : $"<span class=\"nhsuk-error-message\" id=\"{Id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {E(Error)}</span>") +
            $"<div class=\"nhsuk-date-input\" id=\"{Id}\">" +
            Item("day", DateParts.Day, "Day", shown.Day, 2) + Item("month", DateParts.Month, "Month", shown.Month, 2) + Item("year", DateParts.Year, "Year", shown.Year, 4) +
            "</div></fieldset>");
    }
}
