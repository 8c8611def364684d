//! What a picture upload (a company's logo, an article's picture) must be, and the words that say why one is
//! refused. The server decides from the file's bytes; the browser, from what it knows of a chosen file (its declared
//! type and its size), tells the same refusals before the file is sent.

/// Largest accepted upload.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// Smallest accepted width and height of an upload, in pixels.
pub const MIN_SIDE: u32 = 32;
/// Largest accepted width and height of an upload, in pixels.
pub const MAX_SIDE: u32 = 8000;
/// Most pixels an upload may have: any photograph that fits in [`MAX_UPLOAD_BYTES`] has fewer, while a small
/// file that unpacks to a huge image (a decompression bomb) is refused from its header, before decoding.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Smallest accepted width of a company's cover, in pixels; covers are three times as wide as high.
pub const COVER_MIN_WIDTH: u32 = 600;
/// Smallest accepted height of a company's cover, in pixels.
pub const COVER_MIN_HEIGHT: u32 = 200;
/// The media types accepted, as a browser declares them for a chosen file (the file field's `accept`).
pub const ACCEPTED_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];
const MIB: usize = 1024 * 1024;

/// Why an upload was refused; `Display` gives the message shown next to the file field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    /// No file was chosen, or the file is empty.
    #[error("Choose an image file to upload.")]
    Empty,
    /// The file is larger than [`MAX_UPLOAD_BYTES`]; `bytes` is its size.
    #[error(
        "The image must be at most {max} MB; this file is {} MB.",
        megabytes(*.bytes),
        max = MAX_UPLOAD_BYTES / MIB
    )]
    TooLarge { bytes: usize },
    /// The file is not recognisably an image.
    #[error("This file is not an image. Upload a PNG, JPEG or WebP file.")]
    NotAnImage,
    /// The file is an image, but in a format that is not accepted (GIF, SVG, HEIC, …).
    #[error("This image format is not supported. Upload it as PNG, JPEG or WebP.")]
    UnsupportedFormat,
    /// The image is narrower or lower than the smallest accepted size.
    #[error("The image must be at least {MIN_SIDE} × {MIN_SIDE} pixels.")]
    TooSmall,
    /// A cover narrower or lower than [`COVER_MIN_WIDTH`] × [`COVER_MIN_HEIGHT`]: it would look blurred across a page.
    #[error(
        "A cover must be at least {COVER_MIN_WIDTH} pixels wide and {COVER_MIN_HEIGHT} high; a wide photograph of \
         1,200 × 400 pixels or more looks best."
    )]
    CoverTooSmall,
    /// The image is wider or taller than the largest accepted size, has too many pixels, or needs too much memory
    /// to decode.
    #[error(
        "The image must be at most {MAX_SIDE} pixels wide and high, and {} million pixels in all.",
        MAX_PIXELS / 1_000_000
    )]
    TooBig,
    /// The file starts like a PNG, JPEG or WebP image but cannot be decoded.
    #[error("This image file is damaged and cannot be read.")]
    Corrupt,
}

/// What can be told of a chosen file before it is sent: its size, and its type as the browser declares it (from
/// the file's name; empty when unknown, which leaves the verdict to the server).
pub fn check_chosen(media_type: &str, bytes: usize) -> Result<(), PictureError> {
    if bytes == 0 {
        Err(PictureError::Empty)
    } else if bytes > MAX_UPLOAD_BYTES {
        Err(PictureError::TooLarge { bytes })
    } else if media_type.is_empty() || ACCEPTED_TYPES.contains(&media_type) {
        Ok(())
    } else if media_type.starts_with("image/") {
        Err(PictureError::UnsupportedFormat)
    } else {
        Err(PictureError::NotAnImage)
    }
}

/// A size in bytes as megabytes with one decimal, rounded up so that a file just over the limit never reads
/// as exactly at it.
fn megabytes(bytes: usize) -> String {
    let mib = MIB as u128;
    let tenths = (bytes as u128 * 10).div_ceil(mib);
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::{MAX_UPLOAD_BYTES, MIB, PictureError, check_chosen};

    #[test]
    fn a_chosen_file_is_refused_for_what_its_size_and_declared_type_already_show() {
        assert_eq!(check_chosen("image/png", 0), Err(PictureError::Empty));
        assert_eq!(check_chosen("image/jpeg", MAX_UPLOAD_BYTES), Ok(()));
        assert_eq!(
            check_chosen("image/webp", MAX_UPLOAD_BYTES + 1),
            Err(PictureError::TooLarge {
                bytes: MAX_UPLOAD_BYTES + 1
            })
        );
        assert_eq!(
            check_chosen("image/gif", 10),
            Err(PictureError::UnsupportedFormat)
        );
        assert_eq!(
            check_chosen("image/svg+xml", 10),
            Err(PictureError::UnsupportedFormat)
        );
        assert_eq!(
            check_chosen("application/pdf", 10),
            Err(PictureError::NotAnImage)
        );
        // An unknown type is for the server to judge from the bytes.
        assert_eq!(check_chosen("", 10), Ok(()));
    }

    #[test]
    fn messages_read_well() {
        assert_eq!(
            PictureError::Empty.to_string(),
            "Choose an image file to upload."
        );
        assert_eq!(
            PictureError::TooLarge {
                bytes: 3 * MIB + 2 * MIB / 5
            }
            .to_string(),
            "The image must be at most 2 MB; this file is 3.4 MB."
        );
        assert_eq!(
            PictureError::TooLarge {
                bytes: MAX_UPLOAD_BYTES + 1
            }
            .to_string(),
            "The image must be at most 2 MB; this file is 2.1 MB."
        );
        assert_eq!(
            PictureError::NotAnImage.to_string(),
            "This file is not an image. Upload a PNG, JPEG or WebP file."
        );
        assert_eq!(
            PictureError::UnsupportedFormat.to_string(),
            "This image format is not supported. Upload it as PNG, JPEG or WebP."
        );
        assert_eq!(
            PictureError::TooSmall.to_string(),
            "The image must be at least 32 × 32 pixels."
        );
        assert_eq!(
            PictureError::TooBig.to_string(),
            "The image must be at most 8000 pixels wide and high, and 16 million pixels in all."
        );
        assert_eq!(
            PictureError::Corrupt.to_string(),
            "This image file is damaged and cannot be read."
        );
    }
}
