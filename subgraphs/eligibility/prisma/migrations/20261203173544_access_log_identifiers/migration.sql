-- AlterTable
ALTER TABLE "access" ADD COLUMN     "answered" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "kks" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "names" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "root_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];
