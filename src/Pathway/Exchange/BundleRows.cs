using System.Text.Unicode;
using CsvHelper;

namespace Pathway.Exchange;

/// <summary>
/// Reads one CSV file of a bundle as a stream of rows, with the line each row starts on as a spreadsheet
/// shows it (quoted fields may hold line breaks, so rows and lines differ). Checks what is wrong with the
/// file as a file: empty, not UTF-8, unknown, repeated or missing columns, rows of the wrong width, bad
/// quoting, a file cut short.
/// </summary>
public sealed class BundleRows : IDisposable
{
    /// <summary>No row of the format comes near this; an unclosed quote must not swallow a whole file into memory.</summary>
    public const int MaxRowBytes = 1 << 20;

    private readonly CsvReader reader;
    private readonly BundleReport report;
    private readonly int[] indexes;
    private readonly Dictionary<long, CsvMalformedReason> malformed = [];
    private readonly bool notUtf8;
    private int headerWidth;
    private (int Line, int Fields)? shortRow;

    public BundleRows(BundleFile file, Stream stream, BundleReport report)
    {
        File = file;
        this.report = report;
        // UTF-16 and UTF-32 announce themselves with a byte order mark; the reader would quietly transcode them.
        var start = new byte[4];
        var read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        notUtf8 = read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRowBytes,
            // Codes, dates and flags repeat endlessly: each distinct value is decoded into a string once.
            PoolStrings = true,
            IncludeValuesInExceptions = false,
            // The scanner may run ahead of the row being read, so problems are kept by line until that row comes.
            OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
        };
        reader = CsvReader.Create(new PrefixedStream(start.AsMemory(0, read), stream), options);
        indexes = new int[file.Columns.Count];
        Array.Fill(indexes, -1);
    }

    public BundleFile File { get; }
    public int Line { get; private set; }
    public bool HasColumn(int column) => indexes[column] >= 0;

    /// <summary>Reads and checks the header. False when there are no rows to read (empty or not UTF-8).</summary>
    public bool ReadHeader()
    {
        if (notUtf8) return NotUtf8();
        IReadOnlyList<string> names;
        try
        {
            reader.ReadHeader();
            names = reader.Headers;
        }
        catch (CsvFormatException)
        {
            Problem(1, BundleProblem.WholeFile, "the header row cannot be read as CSV");
            return false;
        }
        if (names.Count == 0 || names.All(n => n.Length == 0))
        {
            Problem(1, BundleProblem.WholeFile, "is empty; it needs at least a header row");
            return false;
        }
        if (names.Any(n => n.Contains('\uFFFD') || n.Contains('\0'))) return NotUtf8();
        if (names.Any(n => n.Contains('\n') || n.Contains('\r')))
        {
            // A quote mark opened in the header and never closed swallows the rows that follow into one "name".
            Problem(1, BundleProblem.WholeFile, "the header row has a quote mark that is not closed");
            return false;
        }
        headerWidth = names.Count;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().ToLowerInvariant();
            var column = -1;
            for (var c = 0; c < File.Columns.Count; c++)
                if (File.Columns[c].Name == name) column = c;
            if (name.Length == 0) Problem(1, $"column {i + 1}", "has no name");
            else if (column < 0) Problem(1, Shortened(names[i].Trim()), "unknown column");
            else if (indexes[column] >= 0) Problem(1, name, "column appears more than once");
            else indexes[column] = i;
        }
        for (var c = 0; c < File.Columns.Count; c++)
            if (indexes[c] < 0 && !File.Columns[c].Optional) Problem(1, File.Columns[c].Name, "required column is missing");
        return true;
    }

    /// <summary>A column name as the report shows it: no real column name comes near 40 characters.</summary>
    private static string Shortened(string name) => name.Length <= 40 ? name : name[..40] + "…";

    private bool NotUtf8()
    {
        Problem(1, BundleProblem.WholeFile, "is not UTF-8 text; save it as CSV UTF-8");
        return false;
    }

    /// <summary>Moves to the next row that can be checked; rows of the wrong shape are reported and skipped.</summary>
    public bool Read()
    {
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (CsvFormatException)
            {
                Problem(reader.LineNumber > 0 ? (int)reader.LineNumber : Line + 1, BundleProblem.WholeRow,
                    $"is longer than {MaxRowBytes / (1 << 20)} MB; a quote mark is probably not closed");
                FlushShortRow(atEnd: true);
                return false;
            }
            FlushShortRow(atEnd: !more);
            if (!more) return false;
            Line = (int)reader.LineNumber;
            if (malformed.Remove(reader.LineNumber, out var reason))
            {
                Problem(Line, BundleProblem.WholeRow, reason switch
                {
                    CsvMalformedReason.UnterminatedQuote => "ends inside a quoted field; the file looks truncated",
                    CsvMalformedReason.TextAfterClosingQuote => "has text after the closing quote of a field",
                    _ => "has a quote mark inside a field that is not quoted",
                });
                continue;
            }
            if (reader.FieldCount < headerWidth)
            {
                // Whether a short row means a truncated file is known only once we see whether another row follows.
                shortRow = (Line, reader.FieldCount);
                continue;
            }
            if (reader.FieldCount > headerWidth)
            {
                Problem(Line, BundleProblem.WholeRow, $"has {reader.FieldCount} fields but the header has {headerWidth}");
                continue;
            }
            return true;
        }
    }

    private void FlushShortRow(bool atEnd)
    {
        if (shortRow is not { } row) return;
        Problem(row.Line, BundleProblem.WholeRow, $"has {row.Fields} fields but the header has {headerWidth}"
            + (atEnd ? "; the file looks truncated" : ""));
        shortRow = null;
    }

    public enum CellState { Empty, Value, NotUtf8 }

    /// <summary>The cell of a column in this row: null when empty, when the column is absent, or when it is not UTF-8.</summary>
    public string? Cell(int column, out CellState state)
    {
        var index = indexes[column];
        if (index < 0 || reader.IsEmpty(index))
        {
            state = CellState.Empty;
            return null;
        }
        var bytes = reader.GetSpan(index);
        if (!Utf8.IsValid(bytes))
        {
            state = CellState.NotUtf8;
            return null;
        }
        state = CellState.Value;
        return reader.GetString(index);
    }

    public string? Cell(int column) => Cell(column, out _);

    /// <summary>
    /// Copies a present, valid UTF-8 cell that fits into <paramref name="destination"/> and returns its length;
    /// 0 for anything else (empty, absent, not UTF-8, too long), which the caller then reads with <see cref="Cell(int)"/>.
    /// </summary>
    public int CellChars(int column, Span<char> destination)
    {
        var index = indexes[column];
        if (index < 0 || reader.IsEmpty(index)) return 0;
        var bytes = reader.GetSpan(index);
        if (bytes.Length > destination.Length * 3 || !Utf8.IsValid(bytes)) return 0;
        return System.Text.Encoding.UTF8.GetCharCount(bytes) <= destination.Length ? System.Text.Encoding.UTF8.GetChars(bytes, destination) : 0;
    }

    public void Problem(int line, string column, string rule) => report.Add(File.Name, line, column, rule);

    public void Dispose() => reader.Dispose();

    /// <summary>The bytes already taken to look for a byte order mark, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> prefix = prefix;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            if (prefix.IsEmpty) return rest.Read(buffer);
            var n = Math.Min(prefix.Length, buffer.Length);
            prefix.Span[..n].CopyTo(buffer);
            prefix = prefix[n..];
            return n;
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) =>
            prefix.IsEmpty ? rest.ReadAsync(buffer, cancel) : ValueTask.FromResult(Read(buffer.Span));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
            ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
