using Azure;

namespace AntiCorruption.Core.Storage;

/// <summary>
/// Rows of a paged query, one at a time, with the next page already on its way while the
/// current one is used: a reader that does work per row no longer waits a round trip at every
/// page boundary.
/// </summary>
public sealed class PrefetchingReader<T>(IAsyncEnumerable<Page<T>> pages) : IAsyncDisposable
    where T : notnull
{
    private readonly IAsyncEnumerator<Page<T>> _pages = pages.GetAsyncEnumerator();
    private Task<bool>? _next;
    private IReadOnlyList<T> _rows = [];
    private int _index = -1;

    public T Current => _rows[_index];

    public async ValueTask<bool> MoveNextAsync()
    {
        _next ??= _pages.MoveNextAsync().AsTask();
        while (++_index >= _rows.Count)
        {
            if (!await _next)
            {
                return false;
            }

            _rows = _pages.Current.Values;
            _index = -1;
            _next = _pages.MoveNextAsync().AsTask();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_next is not null)
        {
            await ((Task)_next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _pages.DisposeAsync();
    }
}
