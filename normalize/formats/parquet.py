"""Parquet (needs pyarrow): read and written batch by batch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import DataError, InputError
from .base import (
    _SAMPLE,
    DEFAULT_WRITE,
    Input,
    ReadOptions,
    Record,
    WriteOptions,
    _guess_text_column,
    _label,
    _missing_column,
    _output_slots,
)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise DataError("Parquet needs pyarrow: pip install 'redline[parquet]'") from None
    return pa, pq


class ParquetInput(Input):
    """A Parquet file, read and written in record batches; the new column goes last."""

    format = "parquet"
    binary_output = True
    batch_size = 4096

    def __init__(self, path: str, options: ReadOptions) -> None:
        super().__init__(path)
        pa, pq = _pyarrow()
        self._pa = pa
        try:
            self.file = pq.ParquetFile(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
        self.schema = self.file.schema_arrow
        names = list(self.schema.names)
        self.options = options
        for label in options.label_columns:
            if label not in names:
                _missing_column(path, label, names)
        strings = [f.name for f in self.schema if _is_string(pa, f.type)]
        if options.text_column is not None:
            if options.text_column not in names:
                _missing_column(path, options.text_column, names)
            if options.text_column not in strings:
                t = self.schema.field(options.text_column).type
                raise DataError(f"{path}: column {options.text_column!r} is {t}, not text")
            self.text_column = options.text_column
        else:
            sample: list[list[Any]] = []
            if self.file.metadata.num_rows:
                batch = next(self.file.iter_batches(batch_size=_SAMPLE, columns=strings))
                cols = [batch.column(i).to_pylist() for i in range(len(strings))]
                sample = [list(row) for row in zip(*cols)]
            self.text_column = _guess_text_column(strings, sample)
            if self.text_column is None:
                raise DataError(
                    f"{path}: no text column; name one with --text-column "
                    f"(available: {', '.join(names)})"
                )
        self.size = self.file.metadata.num_rows

    def records(self) -> Iterator[Record]:
        number = 0
        labels = self.options.label_columns
        for batch in self.file.iter_batches(batch_size=self.batch_size):
            texts = batch.column(self.text_column).to_pylist()
            label_values = [batch.column(c).to_pylist() for c in labels]
            for i, text in enumerate(texts):
                number += 1
                label = _label(v[i] for v in label_values) if labels else None
                yield Record(number, text or "", label, (batch, i, text is None), 1)

    def write(self, pairs, out, options: WriteOptions = DEFAULT_WRITE) -> None:
        pa = self._pa
        import pyarrow.parquet as pq

        names = list(self.schema.names)
        text_idx = names.index(self.text_column)
        text_type = self.schema.field(text_idx).type
        header = list(names)
        target, count_at = _output_slots(header, text_idx, options)
        fields = list(self.schema)
        # a new column, or an existing one of another type (an int ``text_corrected``),
        # takes the type of what is written into it
        for at, kind in ((target, text_type), (count_at, pa.int64())):
            if at is None:
                continue
            if at >= len(fields):
                fields.append(pa.field(header[at], kind))
            elif fields[at].type != kind:
                fields[at] = pa.field(header[at], kind)
        schema = pa.schema(fields, metadata=self.schema.metadata)
        meta = self.file.metadata
        compression = "snappy"
        if meta.num_row_groups and meta.num_columns:
            compression = meta.row_group(0).column(0).compression.lower()
            if compression == "uncompressed":
                compression = "none"

        with pq.ParquetWriter(out, schema, compression=compression) as writer:
            batch, texts, counts = None, [], []

            def flush() -> None:
                if batch is None:
                    return
                columns = list(batch.columns) + [None] * (len(fields) - batch.num_columns)
                columns[target] = pa.array(texts, type=text_type)
                if count_at is not None:
                    columns[count_at] = pa.array(counts, type=pa.int64())
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))

            for record, result in pairs:
                b, _i, is_null = record.fields
                if b is not batch:
                    flush()
                    batch, texts, counts = b, [], []
                texts.append(None if is_null else result.text)
                counts.append(None if is_null else len(result.corrections))
            flush()


def _is_string(pa: Any, t: Any) -> bool:
    """Text columns: string, large string, and dictionary-encoded strings."""
    if pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_string(t) or pa.types.is_large_string(t)
