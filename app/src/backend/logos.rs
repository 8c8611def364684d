//! Company logos and article pictures: checking uploads and re-encoding them to a fixed set of sizes.
//!
//! Uploads are untrusted. The format is taken from the file's first bytes, dimensions are checked from the
//! header before any pixel is decoded, and decoding runs under memory and dimension limits, so a small file
//! that unpacks to a huge image is refused instead of exhausting the server. Everything stored is a PNG this
//! module encoded itself, which also drops any metadata (camera, location) the upload carried.
//!
//! Decoding and resizing take a noticeable amount of CPU for large images: call [`process`] from
//! `tokio::task::spawn_blocking`, not directly on the async runtime.

use std::io::Cursor;

use hubboard::picture::{COVER_MIN_HEIGHT, COVER_MIN_WIDTH, MAX_PIXELS, MAX_SIDE, MIN_SIDE};
pub use hubboard::picture::{MAX_UPLOAD_BYTES, PictureError};

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits, RgbaImage,
};

/// The square sizes, in pixels, every logo is stored at.
pub const SIZES: [u32; 3] = [64, 128, 256];

/// Most memory a decoder may allocate for one upload: [`MAX_PIXELS`] at 16-bit RGBA fits.
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 8;
/// Images whose longer side exceeds this are first shrunk with a fast area average…
const PRESHRINK_ABOVE: u32 = 2048;
/// …to this longer side, from which the renditions are resampled with a high-quality filter.
const PRESHRINK_TO: u32 = 1024;
/// One stored rendition.
#[derive(Debug, Clone)]
pub struct Rendition {
    /// Width and height, in pixels; one of [`SIZES`].
    pub size: u32,
    /// The rendition, encoded as PNG.
    pub png: Vec<u8>,
}

/// Checks and re-encodes an upload: one square PNG per entry of [`SIZES`], in the same order.
///
/// The format is detected from the bytes (magic numbers), never from the file name or the declared content
/// type. Images that are not square are centred on a transparent square, so nothing is cropped or stretched.
/// Never panics, whatever the input.
pub fn process(bytes: &[u8]) -> Result<Vec<Rendition>, PictureError> {
    checked(bytes, "logo", decode_and_render)
}

/// Runs `work` on an upload (a `what`) whose size and format pass the checks every upload faces. The decoders
/// report bad input as errors; a panic would be a bug in them, and must not take the request down with it.
fn checked<T>(
    bytes: &[u8],
    what: &str,
    work: fn(&[u8], ImageFormat) -> Result<T, PictureError>,
) -> Result<T, PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PictureError::TooLarge { bytes: bytes.len() });
    }
    let format = detect_format(bytes)?;
    std::panic::catch_unwind(|| work(bytes, format)).unwrap_or_else(|_| {
        tracing::error!(?format, what, "an image decoder panicked on an upload");
        Err(PictureError::Corrupt)
    })
}

/// One stored rendition of an article's picture.
#[derive(Debug, Clone)]
pub struct Picture {
    /// `wide` or `thumb`.
    pub name: &'static str,
    /// `jpeg` for opaque photographs, `png` for PNG uploads and anything with transparency.
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The renditions of an article's picture and their largest widths; a picture is never enlarged, and at most twice
/// as tall as it is wide.
pub const PICTURE_WIDTHS: [(&str, u32); 2] = [("wide", 1200), ("thumb", 320)];

/// Checks and re-encodes an article's picture: one rendition per entry of [`PICTURE_WIDTHS`], in the same order,
/// under the same checks and limits as logos. Never panics, whatever the input.
pub fn process_picture(bytes: &[u8]) -> Result<Vec<Picture>, PictureError> {
    checked(bytes, "picture", decode_picture)
}

fn decode_picture(bytes: &[u8], format: ImageFormat) -> Result<Vec<Picture>, PictureError> {
    let image = decode_checked(bytes, format)?;
    // Photographs (JPEG, WebP) stay JPEG; PNGs are usually charts and drawings, whose sharp edges JPEG blurs.
    let opaque = format != ImageFormat::Png && !image.color().has_alpha();
    PICTURE_WIDTHS
        .iter()
        .map(|&(name, max_width)| {
            let width = image.width().min(max_width);
            let scaled = image.resize(width, width.saturating_mul(2), FilterType::Lanczos3);
            let encoded = if opaque {
                encode_jpeg(&scaled)
            } else {
                encode_png(&scaled.to_rgba8())
            };
            let bytes = encoded.map_err(|error| {
                tracing::error!(%error, "encoding a picture rendition failed");
                PictureError::Corrupt
            })?;
            Ok(Picture {
                name,
                format: if opaque { "jpeg" } else { "png" },
                width: scaled.width(),
                height: scaled.height(),
                bytes,
            })
        })
        .collect()
}

/// The renditions of a company's cover and their widths; each is three times as wide as it is high, and never
/// wider than the upload.
pub const COVER_WIDTHS: [(&str, u32); 2] = [("wide", 1200), ("narrow", 600)];

/// Checks and re-encodes a company's cover: the upload cut from its centre to three times as wide as high, one JPEG
/// per entry of [`COVER_WIDTHS`], in the same order, transparency laid on white. Under the same checks and limits
/// as logos, and at least [`COVER_MIN_WIDTH`] × [`COVER_MIN_HEIGHT`]. Never panics, whatever the input.
pub fn process_cover(bytes: &[u8]) -> Result<Vec<Picture>, PictureError> {
    checked(bytes, "cover", decode_cover)
}

fn decode_cover(bytes: &[u8], format: ImageFormat) -> Result<Vec<Picture>, PictureError> {
    let image = decode_checked(bytes, format)?;
    if image.width() < COVER_MIN_WIDTH || image.height() < COVER_MIN_HEIGHT {
        return Err(PictureError::CoverTooSmall);
    }
    let image = on_white(image);
    // The largest 3:1 band the upload holds.
    let band_width = image.width().min(image.height().saturating_mul(3));
    COVER_WIDTHS
        .iter()
        .map(|&(name, max_width)| {
            let width = band_width.min(max_width);
            let height = width / 3;
            let scaled = image.resize_to_fill(width, height, FilterType::Lanczos3);
            let bytes = encode_jpeg(&scaled).map_err(|error| {
                tracing::error!(%error, "encoding a cover rendition failed");
                PictureError::Corrupt
            })?;
            Ok(Picture {
                name,
                format: "jpeg",
                width,
                height,
                bytes,
            })
        })
        .collect()
}

/// `image` without transparency: its see-through parts laid on white.
fn on_white(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return image;
    }
    let mut rgba = image.into_rgba8();
    for pixel in rgba.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        pixel.0 = [blend(r), blend(g), blend(b), u8::MAX];
    }
    DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8())
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82).write_image(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(jpeg)
}

/// The format of an upload, if it is one of the accepted ones.
fn detect_format(bytes: &[u8]) -> Result<ImageFormat, PictureError> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => Ok(format),
        Ok(_) => Err(PictureError::UnsupportedFormat),
        Err(_) if is_other_image(bytes) => Err(PictureError::UnsupportedFormat),
        Err(_) => Err(PictureError::NotAnImage),
    }
}

/// Image formats people commonly try to upload that the image crate does not recognise: HEIF/HEIC and AVIF
/// (from phones), JPEG XL, and SVG (a frequent format for logos). Telling them apart from non-images makes
/// the refusal accurate.
fn is_other_image(bytes: &[u8]) -> bool {
    const HEIF_BRANDS: [&[u8; 4]; 10] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis",
    ];
    if bytes.get(4..8) == Some(b"ftyp".as_slice())
        && let Some(brand) = bytes.get(8..12)
    {
        return HEIF_BRANDS.iter().any(|b| b.as_slice() == brand);
    }
    if bytes.starts_with(&[0xff, 0x0a]) || bytes.starts_with(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    ["<svg", "<?xml", "<!doctype svg", "<!--"]
        .iter()
        .any(|start| head.starts_with(start))
        && head.contains("<svg")
}

/// The limits every decoder runs under.
fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

/// What a decoding failure means for the person uploading.
fn read_error(error: &ImageError) -> PictureError {
    match error {
        ImageError::Limits(_) => PictureError::TooBig,
        _ => PictureError::Corrupt,
    }
}

fn check_dimensions(width: u32, height: u32) -> Result<(), PictureError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        Err(PictureError::TooBig)
    } else if width < MIN_SIDE || height < MIN_SIDE {
        Err(PictureError::TooSmall)
    } else {
        Ok(())
    }
}

/// Decodes an accepted upload under the limits, checking its dimensions from the header first, with its rotation
/// tag applied.
fn decode_checked(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PictureError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decode_limits());
    // Reads the header only: the dimensions are known before any pixel is decoded.
    let mut decoder = reader.into_decoder().map_err(|e| read_error(&e))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    if decoder.total_bytes() > MAX_DECODE_ALLOC {
        return Err(PictureError::TooBig);
    }
    // Phone photos are often stored sideways with a rotation tag; the tag is not kept, so apply it.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| read_error(&e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn decode_and_render(bytes: &[u8], format: ImageFormat) -> Result<Vec<Rendition>, PictureError> {
    let source = premultiplied_source(decode_checked(bytes, format)?);
    SIZES
        .iter()
        .map(|&size| {
            let png = encode_png(&rendition(&source, size)).map_err(|error| {
                tracing::error!(%error, "encoding a logo rendition failed");
                PictureError::Corrupt
            })?;
            Ok(Rendition { size, png })
        })
        .collect()
}

/// The decoded image as 8-bit RGBA with premultiplied alpha, shrunk if it is much larger than the largest
/// rendition. Premultiplying keeps the colour of fully transparent pixels (often black) from bleeding into
/// the edges of shapes when resampling.
fn premultiplied_source(image: DynamicImage) -> RgbaImage {
    let (width, height) = (image.width(), image.height());
    let shrink = width.max(height) > PRESHRINK_ABOVE;
    if image.color().has_alpha() {
        let mut rgba = image.into_rgba8();
        premultiply(&mut rgba);
        if shrink {
            let (w, h) = fit(width, height, PRESHRINK_TO);
            rgba = imageops::thumbnail(&rgba, w, h);
        }
        rgba
    } else if shrink {
        // Shrinking before converting avoids holding a full-size RGBA copy next to the decoded image.
        image.thumbnail(PRESHRINK_TO, PRESHRINK_TO).into_rgba8()
    } else {
        image.into_rgba8()
    }
}

/// One square rendition: the source scaled to fit `size` × `size`, centred on a transparent square.
fn rendition(source: &RgbaImage, size: u32) -> RgbaImage {
    let (width, height) = fit(source.width(), source.height(), size);
    let mut scaled = imageops::resize(source, width, height, FilterType::Lanczos3);
    unpremultiply(&mut scaled);
    let mut canvas = RgbaImage::new(size, size);
    imageops::replace(
        &mut canvas,
        &scaled,
        i64::from((size - width) / 2),
        i64::from((size - height) / 2),
    );
    canvas
}

/// The dimensions of a `width` × `height` image scaled so that its longer side is `side`, each at least 1.
fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let scale = |short: u32, long: u32| -> u32 {
        let scaled =
            (u64::from(short) * u64::from(side) + u64::from(long) / 2) / u64::from(long.max(1));
        u32::try_from(scaled).unwrap_or(side).clamp(1, side)
    };
    if width >= height {
        (side, scale(height, width))
    } else {
        (scale(width, height), side)
    }
}

fn premultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        if a < u8::MAX {
            let times_alpha = |c: u8| ((u16::from(c) * u16::from(a) + 127) / 255) as u8;
            pixel.0 = [times_alpha(r), times_alpha(g), times_alpha(b), a];
        }
    }
}

fn unpremultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        if a == 0 {
            pixel.0 = [0; 4];
        } else if a < u8::MAX {
            // Resampling can ring slightly above the alpha; clamp instead of wrapping.
            let by_alpha =
                |c: u8| ((u16::from(c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8;
            pixel.0 = [by_alpha(r), by_alpha(g), by_alpha(b), a];
        }
    }
}

pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, ImageError> {
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Default, PngFilter::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{Rgb, RgbImage, Rgba};

    fn gradient(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8, 255])
        })
    }

    fn png_of(image: &RgbaImage) -> Vec<u8> {
        encode_png(image).expect("encodes")
    }

    fn decode_png(bytes: &[u8]) -> RgbaImage {
        assert_eq!(
            image::guess_format(bytes).expect("a format"),
            ImageFormat::Png
        );
        image::load_from_memory_with_format(bytes, ImageFormat::Png)
            .expect("decodes")
            .into_rgba8()
    }

    fn assert_renditions(renditions: &[Rendition]) {
        assert_eq!(renditions.len(), SIZES.len());
        for (rendition, size) in renditions.iter().zip(SIZES) {
            assert_eq!(rendition.size, size);
            let image = decode_png(&rendition.png);
            assert_eq!(image.dimensions(), (size, size));
        }
    }

    /// IEEE CRC-32, for forging PNG headers.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = u32::MAX;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A PNG signature and a valid IHDR chunk claiming the given dimensions, with no pixel data.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(width.to_be_bytes());
        chunk.extend(height.to_be_bytes());
        chunk.extend([8, 6, 0, 0, 0]); // 8-bit RGBA, no interlacing
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(13u32.to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
        png
    }

    #[test]
    fn covers_are_cut_to_a_wide_band_from_the_centre() {
        // A tall photograph: its middle third becomes the band.
        let tall = RgbaImage::from_fn(1500, 1500, |_, y| {
            let band = if (500..1000).contains(&y) { 200 } else { 20 };
            Rgba([band, band, band, 255])
        });
        let covers = process_cover(&png_of(&tall)).expect("accepted");
        let sizes: Vec<_> = covers.iter().map(|c| (c.name, c.width, c.height)).collect();
        assert_eq!(sizes, [("wide", 1200, 400), ("narrow", 600, 200)]);
        for cover in &covers {
            assert_eq!(cover.format, "jpeg");
            let image = image::load_from_memory_with_format(&cover.bytes, ImageFormat::Jpeg)
                .expect("decodes")
                .into_rgb8();
            assert_eq!(image.dimensions(), (cover.width, cover.height));
            let corner = image.get_pixel(1, 1)[0];
            assert!(
                corner > 150,
                "the band comes from the middle, found {corner}"
            );
        }
    }

    #[test]
    fn covers_are_never_enlarged_and_small_ones_are_refused() {
        let covers = process_cover(&png_of(&gradient(900, 300))).expect("accepted");
        assert_eq!((covers[0].width, covers[0].height), (900, 300));
        assert_eq!((covers[1].width, covers[1].height), (600, 200));
        for (width, height) in [(599, 400), (1200, 199)] {
            assert_eq!(
                process_cover(&png_of(&gradient(width, height))).unwrap_err(),
                PictureError::CoverTooSmall
            );
        }
    }

    #[test]
    fn transparent_covers_are_laid_on_white() {
        let clear = RgbaImage::from_pixel(600, 200, Rgba([0, 0, 0, 0]));
        let covers = process_cover(&png_of(&clear)).expect("accepted");
        let image = image::load_from_memory(&covers[1].bytes)
            .expect("decodes")
            .into_rgb8();
        assert!(image.get_pixel(300, 100).0.iter().all(|&c| c > 245));
    }

    #[test]
    fn png_is_fitted_into_squares() {
        let renditions = process(&png_of(&gradient(300, 200))).expect("accepted");
        assert_renditions(&renditions);
        // 300 × 200 becomes 256 × 171 on the largest square, centred from y = 42.
        let largest = decode_png(&renditions[2].png);
        assert_eq!(largest.get_pixel(128, 10)[3], 0, "padding is transparent");
        assert_eq!(largest.get_pixel(128, 245)[3], 0, "padding is transparent");
        assert_eq!(largest.get_pixel(128, 128)[3], 255, "the image is opaque");
        assert_eq!(
            largest.get_pixel(2, 50)[3],
            255,
            "the image spans the width"
        );
    }

    #[test]
    fn tall_images_are_centred_horizontally() {
        let renditions = process(&png_of(&gradient(50, 400))).expect("accepted");
        assert_renditions(&renditions);
        let small = decode_png(&renditions[0].png);
        assert_eq!(small.get_pixel(2, 32)[3], 0);
        assert_eq!(small.get_pixel(32, 2)[3], 255);
    }

    #[test]
    fn large_images_are_shrunk_first() {
        // Longer than the pre-shrink threshold, with and without transparency.
        let opaque = RgbImage::from_fn(2100, 40, |x, _| Rgb([(x % 256) as u8, 90, 200]));
        let mut png = Vec::new();
        opaque
            .write_with_encoder(PngEncoder::new(&mut png))
            .expect("encodes");
        let translucent = RgbaImage::from_fn(40, 2100, |_, y| Rgba([200, 30, 30, (y % 256) as u8]));
        for file in [png, png_of(&translucent)] {
            let renditions = process(&file).expect("accepted");
            assert_renditions(&renditions);
            let largest = decode_png(&renditions[2].png);
            assert_ne!(largest.get_pixel(128, 128)[3], 0);
            assert_eq!(largest.get_pixel(0, 0)[3], 0);
        }
    }

    #[test]
    fn orientation_tag_is_applied() {
        // Exif saying "rotate 90° clockwise to display".
        let exif = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        let mut png = Vec::new();
        let mut encoder = PngEncoder::new(&mut png);
        encoder.set_exif_metadata(exif).expect("supported");
        let wide = gradient(200, 50);
        encoder
            .write_image(wide.as_raw(), 200, 50, ExtendedColorType::Rgba8)
            .expect("encodes");
        // Displayed upright the image is tall, so the padding is left and right.
        let largest = decode_png(&process(&png).expect("accepted")[2].png);
        assert_eq!(largest.get_pixel(5, 128)[3], 0);
        assert_eq!(largest.get_pixel(128, 5)[3], 255);
    }

    #[test]
    fn jpeg_is_accepted() {
        let image = RgbImage::from_fn(120, 90, |x, y| Rgb([x as u8, y as u8, 128]));
        let mut jpeg = Vec::new();
        image
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 90))
            .expect("encodes");
        assert_eq!(
            image::guess_format(&jpeg).expect("a format"),
            ImageFormat::Jpeg
        );
        assert_renditions(&process(&jpeg).expect("accepted"));
    }

    #[test]
    fn webp_is_accepted() {
        let mut webp = Vec::new();
        gradient(64, 100)
            .write_with_encoder(WebPEncoder::new_lossless(&mut webp))
            .expect("encodes");
        assert_eq!(
            image::guess_format(&webp).expect("a format"),
            ImageFormat::WebP
        );
        assert_renditions(&process(&webp).expect("accepted"));
    }

    #[test]
    fn transparent_pixels_do_not_bleed_into_edges() {
        // Left half opaque red, right half fully transparent but with blue colour values.
        let image = RgbaImage::from_fn(200, 200, |x, _| {
            if x < 100 {
                Rgba([255, 0, 0, 255])
            } else {
                Rgba([0, 0, 255, 0])
            }
        });
        let renditions = process(&png_of(&image)).expect("accepted");
        for rendition in &renditions {
            let image = decode_png(&rendition.png);
            assert!(
                image.pixels().any(|p| p[3] > 0 && p[3] < 255),
                "no soft edge"
            );
            for pixel in image.pixels().filter(|p| p[3] > 0) {
                assert!(
                    pixel[0] >= 250 && pixel[2] <= 5,
                    "edge pixel {pixel:?} is not red"
                );
            }
        }
    }

    #[test]
    fn smallest_and_odd_sizes_are_accepted() {
        assert_renditions(&process(&png_of(&gradient(32, 32))).expect("accepted"));
        assert_renditions(&process(&png_of(&gradient(33, 1000))).expect("accepted"));
    }

    #[test]
    fn text_is_not_an_image() {
        assert_eq!(
            process(b"hello, this is not an image").unwrap_err(),
            PictureError::NotAnImage
        );
        assert_eq!(
            process(b"%PDF-1.7\n").unwrap_err(),
            PictureError::NotAnImage
        );
    }

    #[test]
    fn damaged_files_are_corrupt() {
        let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
        garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert_eq!(process(&garbage).unwrap_err(), PictureError::Corrupt);

        let png = png_of(&gradient(300, 200));
        for cut in [9, 20, 40, png.len() / 2, png.len() - 13] {
            assert_eq!(
                process(&png[..cut]).unwrap_err(),
                PictureError::Corrupt,
                "cut at {cut}"
            );
        }
        // A header without pixel data.
        assert_eq!(
            process(&png_header(64, 64)).unwrap_err(),
            PictureError::Corrupt
        );
    }

    #[test]
    fn truncated_and_garbled_files_do_not_panic() {
        let mut jpeg = Vec::new();
        RgbImage::from_fn(120, 90, |x, y| Rgb([x as u8, y as u8, 7]))
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 80))
            .expect("encodes");
        let mut webp = Vec::new();
        gradient(64, 64)
            .write_with_encoder(WebPEncoder::new_lossless(&mut webp))
            .expect("encodes");
        for file in [jpeg, webp] {
            let step = (file.len() / 12).max(1);
            for cut in (1..file.len()).step_by(step) {
                let _ = process(&file[..cut]);
            }
            for i in (12..file.len()).step_by(step) {
                let mut garbled = file.clone();
                garbled[i] ^= 0x5a;
                let _ = process(&garbled);
            }
        }
        assert_eq!(
            process(b"RIFF\0\0\0\0WEBPVP8L").unwrap_err(),
            PictureError::Corrupt
        );
        assert_eq!(
            process(&[0xff, 0xd8, 0xff]).unwrap_err(),
            PictureError::Corrupt
        );
    }

    #[test]
    fn other_image_formats_are_unsupported() {
        for bytes in [
            b"GIF89a\x10\x00\x10\x00\x80\x00\x00".as_slice(),
            b"GIF87a",
            b"BM\x36\x00\x00\x00",
            b"II*\x00\x08\x00\x00\x00",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
            b"\0\0\0\x1cftypavif\0\0\0\0avifmif1",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
            b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
        ] {
            assert_eq!(
                process(bytes).unwrap_err(),
                PictureError::UnsupportedFormat,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Other XML is not an image.
        assert_eq!(
            process(b"<?xml version=\"1.0\"?><html></html>").unwrap_err(),
            PictureError::NotAnImage
        );
    }

    #[test]
    fn empty_and_too_large_are_refused() {
        assert_eq!(process(b"").unwrap_err(), PictureError::Empty);
        let mut big = png_of(&gradient(40, 40));
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        assert_eq!(
            process(&big).unwrap_err(),
            PictureError::TooLarge {
                bytes: MAX_UPLOAD_BYTES + 1
            }
        );
    }

    #[test]
    fn dimensions_are_checked() {
        assert_eq!(
            process(&png_of(&gradient(16, 16))).unwrap_err(),
            PictureError::TooSmall
        );
        assert_eq!(
            process(&png_of(&gradient(300, 31))).unwrap_err(),
            PictureError::TooSmall
        );
        assert_eq!(
            process(&png_of(&gradient(8001, 32))).unwrap_err(),
            PictureError::TooBig
        );
        // A decompression bomb's header is refused before anything is allocated.
        assert_eq!(
            process(&png_header(100_000, 100_000)).unwrap_err(),
            PictureError::TooBig
        );
        assert_eq!(
            process(&png_header(8000, 9000)).unwrap_err(),
            PictureError::TooBig
        );
        // Within both sides, too many pixels in all; one row fewer is within the limit.
        assert_eq!(check_dimensions(8000, 2001), Err(PictureError::TooBig));
        assert_eq!(check_dimensions(8000, 2000), Ok(()));
        assert_eq!(check_dimensions(4000, 4000), Ok(()));
    }

    #[test]
    fn fit_keeps_the_aspect_ratio() {
        assert_eq!(fit(300, 200, 256), (256, 171));
        assert_eq!(fit(200, 300, 64), (43, 64));
        assert_eq!(fit(8000, 32, 64), (64, 1));
        assert_eq!(fit(40, 40, 128), (128, 128));
    }
}
