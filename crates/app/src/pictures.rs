//! Pictures among claim documents (JPEG, PNG) decoded to their last pixel before they are
//! kept. The structure walk (`document::judge`) shows that a file is shaped like an image;
//! the decode shows that its data is one. The size a picture declares is checked against the
//! limits before anything is allocated, each decode's memory is bounded, and only a few run
//! at once, the rest waiting their turn in a bounded queue (docs/architecture.md, "Uploads").

use crate::error::{AppError, AppResult};
use huzhu_domain::document::{self, MediaType};
use huzhu_domain::ErrorCode;
use std::io::Cursor;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// What a picture may declare and what checking it may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureLimits {
    /// The longest side a picture may have, in pixels.
    pub max_side: u32,
    /// The most pixels (width × height) a picture may have.
    pub max_pixels: u64,
    /// The most memory one decode may take, in bytes.
    pub max_decode_bytes: usize,
    /// Pictures decoded at once.
    pub at_once: usize,
    /// Uploads that may wait for a decode; beyond them an upload is told 429 at once.
    pub queue: usize,
    /// The longest an upload waits for its decode before it is told 429.
    pub max_wait: Duration,
}

impl Default for PictureLimits {
    /// A 600 dpi scan of an A4 page (4,960 × 7,016) and a 36-megapixel photo fit; two
    /// decodes at once take at most 192 MiB between them.
    fn default() -> Self {
        Self {
            max_side: 20_000,
            max_pixels: 40_000_000,
            max_decode_bytes: 96 * 1024 * 1024,
            at_once: 2,
            queue: 16,
            max_wait: Duration::from_secs(10),
        }
    }
}

/// The decodes running and waiting, shared by every upload of the process.
#[derive(Debug)]
pub(crate) struct Decoders {
    limits: PictureLimits,
    /// Uploads decoding (`.0`) and waiting (`.1`).
    load: Mutex<(usize, usize)>,
    freed: Condvar,
}

/// A decode's turn, given back when dropped.
struct Turn<'a>(&'a Decoders);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if let Ok(mut load) = self.0.load.lock() {
            load.0 -= 1;
        }
        self.0.freed.notify_one();
    }
}

fn busy() -> AppError {
    AppError::Busy {
        code: ErrorCode::DocumentBusy,
        message: "too many pictures are being checked right now; upload it again in a few seconds"
            .into(),
        retry_after_seconds: 5,
    }
}

/// A refusal that names the limit, in the message and as `details.limit`.
fn too_large(limit: u64, message: String) -> AppError {
    AppError::Invalid {
        code: ErrorCode::DocumentPictureTooLarge,
        message,
        details: Some(serde_json::json!({ "limit": limit })),
    }
}

fn undecodable(media: MediaType, cause: impl std::fmt::Display) -> AppError {
    AppError::invalid(
        ErrorCode::DocumentMalformed,
        format!(
            "the file is shaped like a {} but its picture cannot be decoded ({cause}); save or scan it again",
            media.extension().to_uppercase()
        ),
    )
}

impl Decoders {
    pub(crate) fn new(limits: PictureLimits) -> Self {
        Self {
            limits: PictureLimits {
                at_once: limits.at_once.max(1),
                ..limits
            },
            load: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    /// Waits for a turn in the bounded queue, at most `max_wait`.
    fn turn(&self) -> AppResult<Turn<'_>> {
        let poisoned = || AppError::corrupt("the picture decoders' count is poisoned");
        let deadline = Instant::now() + self.limits.max_wait;
        let mut load = self.load.lock().map_err(|_| poisoned())?;
        if load.0 >= self.limits.at_once {
            if load.1 >= self.limits.queue {
                return Err(busy());
            }
            load.1 += 1;
            while load.0 >= self.limits.at_once {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    load.1 -= 1;
                    return Err(busy());
                }
                load = self
                    .freed
                    .wait_timeout(load, left)
                    .map_err(|_| poisoned())?
                    .0;
            }
            load.1 -= 1;
        }
        load.0 += 1;
        Ok(Turn(self))
    }

    /// Decodes a JPEG or PNG whole, within the limits; PDFs are left to their structure walk.
    pub(crate) fn check(&self, media: MediaType, bytes: &[u8]) -> AppResult<()> {
        match media {
            MediaType::Pdf => Ok(()),
            MediaType::Png => {
                let mut decoder = png::Decoder::new_with_limits(
                    Cursor::new(bytes),
                    png::Limits {
                        bytes: self.limits.max_decode_bytes,
                    },
                );
                decoder.ignore_checksums(false);
                let header = decoder
                    .read_header_info()
                    .map_err(|e| undecodable(media, e))?;
                self.fits(header.width, header.height)?;
                let _turn = self.turn()?;
                decode_png(decoder).map_err(|e| undecodable(media, e))
            }
            MediaType::Jpeg => {
                let frame = document::jpeg_frame(bytes)
                    .ok_or_else(|| undecodable(media, "no readable frame header"))?;
                self.fits(u32::from(frame.width), u32::from(frame.height))?;
                let needs = jpeg_decode_bytes(&frame);
                if needs > self.limits.max_decode_bytes as u64 {
                    return Err(too_large(self.limits.max_decode_bytes as u64, format!(
                        "checking this {}picture would take {} MiB of memory, more than the {} MiB allowed; save it as a baseline JPEG or at a smaller size",
                        if frame.progressive { "progressive " } else { "" },
                        needs.div_ceil(1024 * 1024),
                        self.limits.max_decode_bytes / (1024 * 1024)
                    )));
                }
                let _turn = self.turn()?;
                decode_jpeg(bytes, &frame, self.limits.max_decode_bytes)
                    .map_err(|e| undecodable(media, e))
            }
        }
    }

    /// Whether a declared size is within the limits, named in the refusal.
    fn fits(&self, width: u32, height: u32) -> AppResult<()> {
        let PictureLimits {
            max_side,
            max_pixels,
            ..
        } = self.limits;
        if width == 0 || height == 0 {
            return Err(AppError::invalid(
                ErrorCode::DocumentMalformed,
                "the picture declares no pixels; save or scan it again",
            ));
        }
        if width > max_side || height > max_side {
            return Err(too_large(u64::from(max_side), format!(
                "the picture is {width} × {height} pixels; no side may be longer than {max_side}; scan it at a lower resolution"
            )));
        }
        let pixels = u64::from(width) * u64::from(height);
        if pixels > max_pixels {
            return Err(too_large(max_pixels, format!(
                "the picture has {pixels} pixels, more than the {max_pixels} allowed; scan it at a lower resolution"
            )));
        }
        Ok(())
    }
}

/// Every row of the image, one at a time (the memory of a few rows, never of the picture),
/// then every chunk to the end with its checksum.
fn decode_png(decoder: png::Decoder<Cursor<&[u8]>>) -> Result<(), png::DecodingError> {
    let mut reader = decoder.read_info()?;
    while reader.next_row()?.is_some() {}
    reader.finish()
}

/// The memory a JPEG decode at one-eighth scale takes: each component's plane (one byte a
/// block) and the output, and for a progressive picture every coefficient (64 × 2 bytes a
/// block) until its last scan.
fn jpeg_decode_bytes(frame: &document::JpegFrame) -> u64 {
    let blocks: u64 = frame.blocks().iter().sum();
    let per_block = if frame.progressive { 128 + 1 } else { 1 };
    let output = (u64::from(frame.width) / 8 + 1)
        * (u64::from(frame.height) / 8 + 1)
        * frame.sampling.len() as u64;
    blocks * per_block + output
}

/// Every block of every scan is entropy-decoded (a scan that is no code of its tables fails
/// there); the pixels are rebuilt at one-eighth scale, which keeps the memory of a large photo
/// small. A scan cut short before the end-of-image marker decodes as far as it goes, as
/// viewers show it: such a photo is damaged, not hostile.
fn decode_jpeg(
    bytes: &[u8],
    frame: &document::JpegFrame,
    max_bytes: usize,
) -> Result<(), jpeg_decoder::Error> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(max_bytes);
    decoder.read_info()?;
    decoder.scale(frame.width.div_ceil(8), frame.height.div_ceil(8))?;
    decoder.decode().map(drop)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use huzhu_domain::document::examples;
    use std::sync::Arc;

    fn code(r: AppResult<()>) -> ErrorCode {
        r.expect_err("refused").code()
    }

    /// A picture with something in it: a gradient, so that every block has data.
    fn pixels(width: u16, height: u16) -> Vec<u8> {
        (0..u32::from(width) * u32::from(height))
            .flat_map(|i| {
                let (x, y) = (i % u32::from(width), i / u32::from(width));
                [(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8]
            })
            .collect()
    }

    fn jpeg(width: u16, height: u16, progressive: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 85);
        encoder.set_progressive(progressive);
        encoder
            .encode(
                &pixels(width, height),
                width,
                height,
                jpeg_encoder::ColorType::Rgb,
            )
            .unwrap();
        out
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&pixels(width as u16, height as u16))
            .unwrap();
        writer.finish().unwrap();
        out
    }

    /// The JPEG example with its frame header saying `width` × `height`.
    fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = examples::jpeg();
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
        bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
        bytes
    }

    fn judged(bytes: &[u8]) -> MediaType {
        document::judge(bytes).expect("whole in its structure")
    }

    #[test]
    fn real_photos_and_scans_decode() {
        let decoders = Decoders::new(PictureLimits::default());
        for bytes in [
            jpeg(640, 480, false),
            jpeg(333, 517, true),
            png(300, 200),
            examples::png(),
            examples::jpeg(),
            examples::pdf(),
        ] {
            let media = judged(&bytes);
            decoders.check(media, &bytes).unwrap();
        }
    }

    #[test]
    fn a_declared_size_beyond_the_limits_is_refused_before_anything_is_decoded() {
        let decoders = Decoders::new(PictureLimits::default());
        let started = Instant::now();
        // 100,000 × 100,000 grey pixels would be 10 GB; the file is 70 bytes.
        let png_bomb = examples::png_declaring(100_000, 100_000, &examples::ONE_GREY_PIXEL);
        assert_eq!(
            code(decoders.check(judged(&png_bomb), &png_bomb)),
            ErrorCode::DocumentPictureTooLarge
        );
        // Within the side but beyond the pixels: 10,000 × 10,000.
        let wide = examples::png_declaring(10_000, 10_000, &examples::ONE_GREY_PIXEL);
        let refused = decoders.check(judged(&wide), &wide).unwrap_err();
        assert!(refused.to_string().contains("40000000"), "{refused}");
        let jpeg_bomb = jpeg_declaring(65_000, 65_000);
        assert_eq!(
            code(decoders.check(judged(&jpeg_bomb), &jpeg_bomb)),
            ErrorCode::DocumentPictureTooLarge
        );
        assert!(started.elapsed() < Duration::from_millis(200));
    }

    #[test]
    fn picture_data_that_is_not_a_picture_is_refused() {
        let decoders = Decoders::new(PictureLimits::default());
        let refused = |bytes: &[u8]| code(decoders.check(judged(bytes), bytes));
        // Chunks with right checksums around image data that is not zlib at all.
        let not_zlib = examples::png_declaring(1, 1, b"<html><script>x()</script>");
        assert_eq!(refused(&not_zlib), ErrorCode::DocumentMalformed);
        // One row of data for a picture that declares fifty.
        let short = examples::png_declaring(1, 50, &examples::ONE_GREY_PIXEL);
        assert_eq!(refused(&short), ErrorCode::DocumentMalformed);
        // A JPEG scan whose bits are no code of its Huffman tables (its only code is `00`).
        let mut garbled = examples::jpeg();
        let eoi = garbled.len() - 2;
        garbled[eoi - 4] = 0xC0;
        assert_eq!(judged(&garbled), MediaType::Jpeg);
        assert_eq!(refused(&garbled), ErrorCode::DocumentMalformed);
    }

    #[test]
    fn a_progressive_picture_too_costly_to_check_is_refused_with_the_memory_it_needs() {
        let decoders = Decoders::new(PictureLimits {
            max_decode_bytes: 1024 * 1024,
            ..Default::default()
        });
        // 1,024 × 1,024 at 4:2:0 keeps 24,576 blocks of coefficients: 3 MiB.
        let progressive = jpeg(1024, 1024, true);
        let refused = decoders
            .check(judged(&progressive), &progressive)
            .unwrap_err();
        assert_eq!(refused.code(), ErrorCode::DocumentPictureTooLarge);
        assert!(refused.to_string().contains("4 MiB"), "{refused}");
        // The same picture in baseline needs a fraction of that.
        let baseline = jpeg(1024, 1024, false);
        decoders.check(judged(&baseline), &baseline).unwrap();
    }

    #[test]
    fn decodes_beyond_the_slots_wait_and_beyond_the_queue_are_told_to_come_back() {
        let decoders = Arc::new(Decoders::new(PictureLimits {
            at_once: 1,
            queue: 1,
            max_wait: Duration::from_secs(30),
            ..Default::default()
        }));
        let held = decoders.turn().unwrap();
        let waiting = {
            let decoders = Arc::clone(&decoders);
            std::thread::spawn(move || decoders.turn().map(drop).is_ok())
        };
        while decoders.load.lock().unwrap().1 == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // One waits; the next finds the queue full and is told at once.
        let refused = decoders.turn().err().expect("the queue is full");
        assert_eq!(refused.code(), ErrorCode::DocumentBusy);
        assert!(matches!(
            refused,
            AppError::Busy {
                retry_after_seconds: 5,
                ..
            }
        ));
        drop(held);
        assert!(waiting.join().unwrap());
        assert_eq!(*decoders.load.lock().unwrap(), (0, 0));

        let impatient = Decoders::new(PictureLimits {
            at_once: 1,
            max_wait: Duration::from_millis(30),
            ..Default::default()
        });
        let _held = impatient.turn().unwrap();
        assert_eq!(
            impatient.turn().err().expect("no turn within 30 ms").code(),
            ErrorCode::DocumentBusy
        );
        assert_eq!(*impatient.load.lock().unwrap(), (1, 0));
    }
}
