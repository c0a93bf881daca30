using System.Buffers;
using System.Collections;
using System.Text;

namespace Ogi.BuildingBlocks.Grpc;

/// <summary>
/// Custom metadata of a call: request headers, response headers or trailers. Keys are lower-case ASCII;
/// keys ending in "-bin" carry bytes (sent base64), the others printable ASCII text.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    /// <summary>An empty, read-only instance for calls without metadata.</summary>
    public static readonly Metadata Empty = new(readOnly: true);

    private readonly List<Entry> _entries = [];
    private readonly bool _readOnly;

    public Metadata()
    {
    }

    private Metadata(bool readOnly) => _readOnly = readOnly;

    public int Count => _entries.Count;

    public bool IsReadOnly => _readOnly;

    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            CheckWritable();
            _entries[index] = value;
        }
    }

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        Add(new Entry(key, valueBytes));
        return this;
    }

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Add(item);
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized);
    }

    public void Clear()
    {
        CheckWritable();
        _entries.Clear();
    }

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <summary>A struct enumerator, so a foreach over metadata on every call allocates nothing.</summary>
    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Insert(index, item);
    }

    public bool Remove(Entry item)
    {
        CheckWritable();
        return _entries.Remove(item);
    }

    public void RemoveAt(int index)
    {
        CheckWritable();
        _entries.RemoveAt(index);
    }

    private void CheckWritable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }
    }

    /// <summary>One key and its value: text, or bytes when the key ends in "-bin".</summary>
    public sealed class Entry
    {
        // The characters the spec allows in a key (lower-case; upper-case ones are lowered first).
        private static readonly SearchValues<char> KeyChars = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz_-.");

        private readonly string? _text;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' ends in -bin: give the value as bytes.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            // Text values travel as HTTP/2 header values: printable ASCII only (spec: ASCII-Value).
            if (value.AsSpan().ContainsAnyExceptInRange(' ', '~'))
            {
                throw new ArgumentException($"Value of '{Key}' must be printable ASCII; use a -bin key for other data.", nameof(value));
            }

            _text = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' carries text: only -bin keys take bytes.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(valueBytes);
            _bytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinarySuffix, StringComparison.Ordinal);

        /// <summary>The text value; for a -bin entry, an error (use <see cref="ValueBytes"/>).</summary>
        public string Value => _text ?? throw new InvalidOperationException($"'{Key}' is a binary entry: read ValueBytes.");

        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_text!);

        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_text}";

        /// <summary>Keys are lower-case; the spec allows only 0-9 a-z _ - . in them.</summary>
        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            // Keys from HTTP/2 and from code are almost always valid already: lowered (a copy) only when not.
            var lower = key.AsSpan().ContainsAnyExcept(KeyChars) ? key.ToLowerInvariant() : key;
            if (lower.AsSpan().ContainsAnyExcept(KeyChars))
            {
                throw new ArgumentException($"Metadata key '{key}' may contain only 0-9 a-z _ - .", nameof(key));
            }

            return lower;
        }
    }
}
